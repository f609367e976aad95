package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.warehouse.HrFixture;
import se.nyckeltal.warehouse.HrFixture.EmployeeMonth;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * What an analyst can query of HR time describes no group of 10 or fewer employees, neither directly nor by
 * subtracting published figures from each other (issue 16, item 10): the differencing attack below tries every sum
 * the catalogue publishes — area − its units, TOTAL − areas, PUBLIC/PRIVATE, all − women = men, the age groups,
 * worked time − staff categories or professions, ytd − the previous month's ytd = the month, previous-year columns —
 * over everything an analyst can read (kpi.kpi_values, kpi.sick_leave, kpi.worked_time, fact.hr_time and the
 * internal tables the gateway serves too).
 *
 * <pre>
 * Org: area A = U1, U2; area B = U3 (PRIVATE), U4 (PUBLIC); area C = U5. parameters.csv: 2026 norm 1 800 h (150 a
 * month). Own staff nurses with scheduled 160 h a month unless said; vacation and other absence 0.
 *   U1  N01–N12 (K, 30_49) worked 150; N01 sick 10 (days 1–14)
 *       D01, D02 doctors (M, 50_plus) worked 140; D01 sick 20 (days 1–14): the only men and doctors at U1
 *       A01 agency nurse (M, 50_plus) worked 100, no schedule
 *   U2  P01–P03 (K, 30_49) worked 120; P01 sick 40 (days 1–14)
 *   U3  R01–R12 (K, 30_49) worked 160
 *   U4  S01–S14 (K, 30_49) worked 160 in January; in February only S01–S05 (the others have no hours)
 *   U5  T01, T02 (K, 0_29) worked 160; T01 in February worked 144, sick 16 (days 1–14)
 * January and February 2026 alike but for U4 and the sick hours (none in January); February 2025 = February 2026
 * for U1 and U2 (previous-year columns).
 * </pre>
 */
class HrPrivacyTest {
    private static final String ORG_UNITS = """
            unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership
            U1;Akuten;A;Område A;2020-01-01;;
            U2;Hjälpmedel;A;Område A;2020-01-01;;
            U3;Röntgen;B;Område B;2020-01-01;;PRIVATE
            U4;Labb;B;Område B;2020-01-01;;PUBLIC
            U5;Elevhälsan;C;Område C;2020-01-01;;
            """;
    private static final Map<String, List<String>> UNITS = Map.of(
            "unit:U1", List.of("U1"), "unit:U2", List.of("U2"), "unit:U3", List.of("U3"), "unit:U4", List.of("U4"),
            "unit:U5", List.of("U5"), "area:A", List.of("U1", "U2"), "area:B", List.of("U3", "U4"),
            "area:C", List.of("U5"), "ownership:PRIVATE", List.of("U3"), "ownership:PUBLIC", List.of("U4"));
    private static final List<String> ALL_UNITS = List.of("U1", "U2", "U3", "U4", "U5");
    private static final List<Integer> PERIODS = List.of(202502, 202601, 202602);
    private static final List<String> SICK_GROUPS = List.of("all", "women", "men", "age_0_29", "age_30_49",
            "age_50_plus");
    private static final List<String> STAFF_CATEGORIES = List.of("OWN", "RESOURCE_POOL", "AGENCY");
    private static final List<String> PROFESSIONS = List.of("DOCTOR", "NURSE", "ASSISTANT_NURSE", "MANAGEMENT",
            "ADMINISTRATION", "OTHER");
    private static final List<EmployeeMonth> EMPLOYEE_MONTHS = employeeMonths();

    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        HrFixture hr = new HrFixture(w.layout());
        EMPLOYEE_MONTHS.forEach(hr::add);
        List<FactPartition> partitions = new ArrayList<>(hr.write("L1"));
        // a rejected HR line, written as etl does: id masked, everything else of the employee's day still there
        w.quarantine("L1", "hr/tid-2026-02.csv", 7, "gender 'X' is not K or M; write K or M (kön)",
                "2026-02-03;***;U2;egen;sjuksköterska;X;1961;arbetad;8");
        w.quarantine("L1", "ledger/huvudbok-2026-02.csv", 3, "amount 'tolv' is not a number", "202602;U1;4010;tolv");
        ReferenceData reference = w.reference(Map.of("org_units.csv", ORG_UNITS,
                "parameters.csv", "year;fte_norm_hours\n2025;1800\n2026;1800\n"));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        catalogue = Catalogue.openReadOnly(w.layout());
    }

    private static List<EmployeeMonth> employeeMonths() {
        List<EmployeeMonth> rows = new ArrayList<>();
        for (int period : List.of(202502, 202601, 202602)) {
            boolean february = period % 100 == 2;
            for (int i = 1; i <= 12; i++) {
                double sick = february && i == 1 ? 10 : 0;
                rows.add(own(period, String.format("p-N%02d", i), "U1", "K", "30_49", 150, sick, "NURSE"));
            }
            for (int i = 1; i <= 2; i++) {
                double sick = february && i == 1 ? 20 : 0;
                rows.add(own(period, "p-D0" + i, "U1", "M", "50_plus", 140, sick, "DOCTOR"));
            }
            rows.add(new EmployeeMonth(period, "p-A01", "U1", "AGENCY", "M", "50_plus", 100, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    "NURSE"));
            for (int i = 1; i <= 3; i++) {
                rows.add(own(period, "p-P0" + i, "U2", "K", "30_49", 120, february && i == 1 ? 40 : 0, "NURSE"));
            }
            if (period < 202600) {
                continue;
            }
            for (int i = 1; i <= 12; i++) {
                rows.add(own(period, String.format("p-R%02d", i), "U3", "K", "30_49", 160, 0, "NURSE"));
            }
            for (int i = 1; i <= (february ? 5 : 14); i++) {
                rows.add(own(period, String.format("p-S%02d", i), "U4", "K", "30_49", 160, 0, "NURSE"));
            }
            rows.add(own(period, "p-T01", "U5", "K", "0_29", february ? 144 : 160, february ? 16 : 0, "NURSE"));
            rows.add(own(period, "p-T02", "U5", "K", "0_29", 160, 0, "NURSE"));
        }
        return rows;
    }

    /** Own staff, scheduled 160 h, the sick hours all on days 1–14 of the spell. */
    private static EmployeeMonth own(int period, String employee, String unit, String gender, String ageBand,
            double worked, double sick, String profession) {
        return new EmployeeMonth(period, employee, unit, "OWN", gender, ageBand, worked, 0, 0, 160, sick, sick, 0, 0,
                0, 0, profession);
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    // ---------------------------------------------------------------- the differencing attack

    /** One figure an analyst might learn: a population's hours at an org over a window. */
    private record Cell(String population, int period, String window, String org) {}

    /** The KPI of kpi.kpi_values, or line of kpi.sick_leave, → the population its figure sums. */
    private static final String POPULATION_OF_KPI = """
            CASE
                WHEN {id} IN ('sick_leave_pct', 'sick_leave_pct_days_1_14', 'sick_leave_pct_days_15_90',
                           'sick_leave_pct_days_91_365', 'sick_leave_pct_days_366_plus', 'sick_leave_long_share_pct')
                    THEN 'sick_leave.all'
                WHEN {id} LIKE 'sick_leave_pct_%' THEN 'sick_leave.' || substring({id}, 16)
                WHEN {id} IN ('worked_hours', 'fte', 'cost_per_worked_hour') THEN 'worked'
                WHEN {id} LIKE 'worked_hours.%' THEN 'staff_category.' || substring({id}, 14)
                WHEN {id} LIKE 'fte.%' THEN 'profession.' || substring({id}, 5)
            END""";
    private static final String YEARS_BACK = "CASE measure WHEN 'previous_year' THEN 100 WHEN 'two_years_earlier' THEN"
            + " 200 ELSE 0 END";

    /** Every figure of an HR group that some catalogue object shows (not NULL): population|period|window|org. */
    private static Set<Cell> published() throws SQLException {
        List<String> queries = List.of(
                "SELECT " + POPULATION_OF_KPI.replace("{id}", "kpi_id") + ", period, time_window, org_level || ':' ||"
                        + " org_id FROM kpi.kpi_values WHERE value IS NOT NULL OR numerator IS NOT NULL"
                        + " OR denominator IS NOT NULL",
                "SELECT " + POPULATION_OF_KPI.replace("{id}", "kpi_id") + ", period - 100, time_window, org_level || ':'"
                        + " || org_id FROM kpi.kpi_values WHERE previous_year_value IS NOT NULL",
                "SELECT " + POPULATION_OF_KPI.replace("{id}", "kpi_id") + ", period - " + YEARS_BACK + ", time_window,"
                        + " org_level || ':' || org_id FROM internal.kpi_components WHERE (CASE kpi_id WHEN 'cost_per_worked_hour'"
                        + " THEN denominator ELSE numerator END) IS NOT NULL",
                "SELECT " + POPULATION_OF_KPI.replace("{id}", "line_id") + ", period - y, time_window, org_level || ':'"
                        + " || org_id FROM kpi.sick_leave, LATERAL (VALUES (0, value), (100, value_previous_year),"
                        + " (200, value_two_years_earlier)) AS v (y, shown) WHERE shown IS NOT NULL",
                "SELECT CASE line_id WHEN 'own_staff' THEN 'staff_category.OWN' WHEN 'resource_pool' THEN"
                        + " 'staff_category.RESOURCE_POOL' WHEN 'agency' THEN 'staff_category.AGENCY' ELSE 'worked' END,"
                        + " period - y, time_window, org_level || ':' || org_id FROM kpi.worked_time,"
                        + " LATERAL (VALUES (0, actual), (100, previous_year)) AS v (y, shown) WHERE shown IS NOT NULL",
                // a fact row gives its staff category's worked time, and OWN staff's scheduled − worked − vacation
                // − other absence their sick hours
                "SELECT 'staff_category.' || staff_category, period, 'month', 'unit:' || cost_center FROM fact.hr_time",
                "SELECT 'sick_leave.all', period, 'month', 'unit:' || cost_center FROM fact.hr_time"
                        + " WHERE staff_category = 'OWN' AND employees_with_scheduled_hours > 0",
                "SELECT 'sick_leave.' || group_id, period - " + YEARS_BACK + ", time_window, org_level || ':' || org_id"
                        + " FROM internal.hr_sick_leave WHERE sick_hours IS NOT NULL OR scheduled_hours IS NOT NULL",
                "SELECT population, period - " + YEARS_BACK + ", time_window, org_level || ':' || org_id"
                        + " FROM internal.hr_window_hours WHERE worked_hours IS NOT NULL");
        Set<Cell> cells = new HashSet<>();
        for (String query : queries) {
            for (String row : TestWarehouse.rows(catalogue, query)) {
                String[] part = row.split("\\|");
                if (!part[0].equals("null")) {
                    cells.add(new Cell(part[0], Integer.parseInt(part[1]), part[2], part[3]));
                }
            }
        }
        return cells;
    }

    /** How many employees a figure sums, counted from the fixture itself (not from the catalogue). */
    private static int employees(Cell cell) {
        List<String> units = cell.org().equals("total:TOTAL") ? ALL_UNITS : UNITS.get(cell.org());
        int first = cell.window().equals("month") ? cell.period() : cell.period() / 100 * 100 + 1;
        Map<String, Double> hours = new HashMap<>();
        for (EmployeeMonth e : EMPLOYEE_MONTHS) {
            if (e.period() < first || e.period() > cell.period() || !units.contains(e.costCenter())) {
                continue;
            }
            String population = cell.population();
            if (population.startsWith("sick_leave.")) {
                String group = population.substring("sick_leave.".length());
                boolean inGroup = group.equals("all") || group.equals("women") && e.gender().equals("K")
                        || group.equals("men") && e.gender().equals("M") || group.equals("age_" + e.ageBand());
                if (e.staffCategory().equals("OWN") && inGroup) {
                    hours.merge(e.employee(), e.scheduled(), Double::sum);
                }
            } else if (population.equals("worked") || population.equals("staff_category." + e.staffCategory())
                    || population.equals("profession." + e.profession())) {
                hours.merge(e.employee(), e.worked() + e.overtime() + e.onCall(), Double::sum);
            }
        }
        return (int) hours.values().stream().filter(h -> h > 0).count();
    }

    /** Every sum the catalogue's figures obey: each list is a figure and the parts it is the sum of. */
    private static List<List<Cell>> relations() {
        List<String> populations = new ArrayList<>();
        SICK_GROUPS.forEach(g -> populations.add("sick_leave." + g));
        populations.add("worked");
        STAFF_CATEGORIES.forEach(c -> populations.add("staff_category." + c));
        PROFESSIONS.forEach(p -> populations.add("profession." + p));
        List<List<String>> orgSums = List.of(
                List.of("area:A", "unit:U1", "unit:U2"), List.of("area:B", "unit:U3", "unit:U4"),
                List.of("area:C", "unit:U5"), List.of("total:TOTAL", "area:A", "area:B", "area:C"),
                List.of("ownership:PRIVATE", "unit:U3"), List.of("ownership:PUBLIC", "unit:U4"),
                List.of("total:TOTAL", "ownership:PUBLIC", "ownership:PRIVATE", "unit:U1", "unit:U2", "unit:U5"));
        List<List<String>> splits = new ArrayList<>(List.of(
                List.of("sick_leave.all", "sick_leave.women", "sick_leave.men"),
                List.of("sick_leave.all", "sick_leave.age_0_29", "sick_leave.age_30_49", "sick_leave.age_50_plus")));
        List<String> byCategory = new ArrayList<>(List.of("worked"));
        STAFF_CATEGORIES.forEach(c -> byCategory.add("staff_category." + c));
        List<String> byProfession = new ArrayList<>(List.of("worked"));
        PROFESSIONS.forEach(p -> byProfession.add("profession." + p));
        splits.add(byCategory);
        splits.add(byProfession);
        List<String> orgs = new ArrayList<>(UNITS.keySet());
        orgs.add("total:TOTAL");
        List<List<Cell>> relations = new ArrayList<>();
        for (int period : PERIODS) {
            for (String window : List.of("month", "ytd")) {
                for (String population : populations) {
                    for (List<String> sum : orgSums) {
                        relations.add(sum.stream().map(org -> new Cell(population, period, window, org)).toList());
                    }
                }
                for (String org : orgs) {
                    for (List<String> split : splits) {
                        relations.add(split.stream().map(p -> new Cell(p, period, window, org)).toList());
                    }
                }
            }
            for (String population : populations) {
                for (String org : orgs) {
                    List<Cell> ytd = new ArrayList<>(List.of(new Cell(population, period, "ytd", org),
                            new Cell(population, period, "month", org)));
                    if (period % 100 != 1) {
                        ytd.add(new Cell(population, period - 1, "ytd", org));
                    }
                    relations.add(ytd);
                }
            }
        }
        return relations;
    }

    /**
     * The figures of groups of 1–10 employees an analyst can work out from {@code known}: repeatedly, a sum with
     * exactly one unknown member gives that member (a figure of no employees is known: it is 0).
     */
    private static Set<String> recoverableSmallGroups(Set<Cell> known) {
        Set<Cell> learnt = new HashSet<>(known);
        List<List<Cell>> relations = relations();
        boolean more = true;
        while (more) {
            more = false;
            for (List<Cell> relation : relations) {
                List<Cell> unknown = relation.stream().filter(c -> employees(c) > 0 && !learnt.contains(c)).toList();
                if (unknown.size() == 1) {
                    learnt.add(unknown.get(0));
                    more = true;
                }
            }
        }
        Set<String> small = new TreeSet<>();
        for (Cell cell : learnt) {
            int employees = employees(cell);
            if (employees >= 1 && employees <= 10) {
                small.add(cell.population() + " " + cell.period() + " " + cell.window() + " " + cell.org() + " ("
                        + employees + ")");
            }
        }
        return small;
    }

    @Test
    void noGroupOfTenOrFewerEmployeesCanBeWorkedOutFromWhatAnAnalystCanQuery() throws SQLException {
        Set<Cell> published = published();
        assertThat(published).hasSizeGreaterThan(100);
        assertThat(recoverableSmallGroups(published)).isEmpty();
    }

    @Test
    void theAttackRecoversSmallGroupsWhenOnlyTheSmallGroupsThemselvesAreHidden() {
        // the same attack against primary suppression alone: every figure of 11 or more employees shown
        Set<Cell> bigGroups = new HashSet<>();
        for (List<Cell> relation : relations()) {
            relation.stream().filter(c -> employees(c) > 10).forEach(bigGroups::add);
        }
        assertThat(recoverableSmallGroups(bigGroups)).contains(
                "sick_leave.all 202602 month unit:U2 (3)",           // area A − U1
                "sick_leave.men 202602 month unit:U1 (2)",           // all − women
                "sick_leave.all 202602 month area:C (2)",            // TOTAL − A − B
                "sick_leave.all 202602 month unit:U4 (5)",           // ytd − January's ytd, or B − U3
                "profession.DOCTOR 202602 month unit:U1 (2)",        // worked − nurses
                "staff_category.AGENCY 202602 month unit:U1 (1)");   // worked − own staff
    }

    // ---------------------------------------------------------------- what stays published

    @Test
    void exactlyTheGroupsOfTenOrFewerAreSmallAndTheirNeighboursAreSuppressedBesideThem() throws SQLException {
        // the primary suppression is the fixture's own count of employees, cell by cell
        for (String row : TestWarehouse.rows(catalogue, "SELECT population, period, time_window, org_level || ':' ||"
                + " org_id, reason FROM internal.hr_suppression WHERE measure = 'actual'")) {
            String[] part = row.split("\\|");
            int employees = employees(new Cell(part[0], Integer.parseInt(part[1]), part[2], part[3]));
            assertThat(part[4]).as(row + ", " + employees + " employees")
                    .isEqualTo(employees <= 10 ? "small_group" : part[4].equals("null") ? "null" : "complementary");
        }
        // February, month: beside U2's 3 in A = U1 + U2, U1 (the sibling before the area); beside the 2 men of
        // TOTAL, TOTAL's women; beside U1's 2 doctors and 1 agency nurse, U1's nurses and own staff
        assertThat(TestWarehouse.rows(catalogue, "SELECT org_level || ':' || org_id, population"
                + " FROM internal.hr_suppression WHERE period = 202602 AND time_window = 'month' AND measure = 'actual'"
                + " AND reason = 'complementary' ORDER BY ALL")).contains("unit:U1|sick_leave.all",
                        "total:TOTAL|sick_leave.women", "unit:U1|profession.NURSE", "unit:U1|staff_category.OWN");
    }

    @Test
    void figuresOfLargeGroupsKeepTheirHandWorkedValues() throws SQLException {
        // sick leave, February: TOTAL (N01 10 + D01 20 + P01 40 + T01 16) ÷ 36 × 160 = 86 ÷ 5 760 = 1,4931 %
        assertThat(TestWarehouse.rows(catalogue, "SELECT round(value, 4), numerator, denominator, suppressed"
                + " FROM kpi.kpi_values WHERE kpi_id = 'sick_leave_pct' AND period = 202602 AND time_window = 'month'"
                + " AND org_id = 'TOTAL'")).containsExactly("1.4931|86|5760|false");
        // worked time, February: TOTAL 12 × 150 + 2 × 140 + 100 (U1) + 3 × 120 (U2) + 12 × 160 (U3) + 5 × 160 (U4)
        // + 144 + 160 (U5) = 2 180 + 360 + 1 920 + 800 + 304 = 5 564 h = 37,0933 årsarbetare (÷ 150)
        assertThat(TestWarehouse.rows(catalogue, "SELECT kpi_id, round(value, 4), suppressed FROM kpi.kpi_values"
                + " WHERE kpi_id IN ('worked_hours', 'fte') AND period = 202602 AND time_window = 'month'"
                + " AND org_id = 'TOTAL' ORDER BY kpi_id")).containsExactly("fte|37.0933|false",
                        "worked_hours|5564|false");
        // January, U4's 14 nurses: nothing small beside them (U3's 12 in B), so shown: 14 × 160 = 2 240 h, no sick
        assertThat(TestWarehouse.rows(catalogue, "SELECT kpi_id, round(value, 4), suppressed FROM kpi.kpi_values"
                + " WHERE kpi_id IN ('worked_hours', 'sick_leave_pct') AND period = 202601 AND time_window = 'month'"
                + " AND org_id = 'U4' ORDER BY kpi_id")).containsExactly("sick_leave_pct|0|false",
                        "worked_hours|2240|false");
    }

    @Test
    void aSmallMonthInALargeYearToDateHidesTheYearToDate() throws SQLException {
        // U4: 14 nurses in January, 5 in February. February's ytd (14 employees) minus January's ytd would be
        // February's 5, so it is suppressed with them; January's ytd was published a month earlier and stays.
        assertThat(TestWarehouse.rows(catalogue, "SELECT period, time_window, suppressed, reason FROM"
                + " internal.hr_suppression WHERE org_id = 'U4' AND population = 'sick_leave.all' AND measure = 'actual'"
                + " ORDER BY ALL")).containsExactly("202601|month|false|null", "202601|ytd|false|null",
                        "202602|month|true|small_group", "202602|ytd|true|complementary");
    }

    @Test
    void theAnalystsFactHasNoRowOfASmallOrProtectingGroup() throws SQLException {
        // Rows of 11 or more employees: U1's own staff (14), U3 (12), U4 in January (14); U4 in February (5), U2
        // (3), U5 (2) and U1's agency nurse (1) have none. U3's February row would give U4's sick leave as area B −
        // U3, U1's (both months) its agency nurse's worked time as U1 − own staff, or U2's as area A − U1; U3's
        // January figures are suppressed in the chain of sums around area C's 2: none of those rows is published.
        assertThat(TestWarehouse.rows(catalogue, "SELECT period, cost_center, staff_category, employees"
                + " FROM fact.hr_time ORDER BY ALL")).containsExactly("202601|U4|OWN|14");
        // no profession, gender or age band to narrow a row down, and no sick hours at all
        assertThat(TestWarehouse.rows(catalogue, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'fact' AND table_name = 'hr_time' ORDER BY ordinal_position"))
                .containsExactly("period", "scenario", "cost_center", "staff_category", "employees",
                        "employees_with_scheduled_hours", "worked_hours", "overtime_hours", "on_call_hours",
                        "scheduled_hours", "vacation_hours", "other_absence_hours");
    }

    @Test
    void absenceHoursAreNowhereElseAnAnalystCanQuery() throws SQLException {
        // every relation of every schema the catalogue serves, with a column of absence hours: the fact and the
        // sick-leave table, both suppressed as above — and no build-only table survives the build
        assertThat(TestWarehouse.rows(catalogue, "SELECT DISTINCT table_schema || '.' || table_name"
                + " FROM information_schema.columns WHERE column_name LIKE '%sick%' OR column_name LIKE '%vacation%'"
                + " OR column_name LIKE '%absence%' OR column_name LIKE 'scheduled%' ORDER BY 1"))
                .containsExactly("fact.hr_time", "internal.hr_sick_leave");
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM internal.hr_sick_leave WHERE employees <= 10"
                + " AND (NOT suppressed OR scheduled_hours IS NOT NULL OR sick_hours IS NOT NULL)"))
                .containsExactly("0");
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'hr_%'"
                + " AND schema_name NOT IN ('internal', 'fact')")).containsExactly("0");
    }

    @Test
    void quarantineShowsOfAnHrLineOnlyWhereItIsAndWhatIsWrong() throws SQLException {
        // the file, the line and the reason with its column, never the line nor a value quoted from it (X could be
        // a shifted birth year); a ledger line keeps its text
        assertThat(TestWarehouse.rows(catalogue, "SELECT source, source_file, line_number, reason, raw_line"
                + " FROM meta.quarantine ORDER BY source"))
                .containsExactly("hr|hr/tid-2026-02.csv|7|gender '…' is not K or M; write K or M (kön)|null",
                        "ledger|ledger/huvudbok-2026-02.csv|3|amount 'tolv' is not a number|202602;U1;4010;tolv");
    }
}
