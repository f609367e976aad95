package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * What an analyst can query of HR time describes no group of 10 or fewer employees, not even by subtracting
 * published columns (issue 16, item 10). Org structure of 2026 (RegionFixture): U1 in area A, U2 in B.
 *
 * <pre>
 * February 2026, own staff unless said; vacation and other absence 0, so scheduled − worked = sick for
 * everyone with a schedule:
 *   U1  N01–N12 (K, 30_49) scheduled 160; N01 worked 120, sick 40; N02–N12 worked 160
 *       D01 (M, 50_plus)   scheduled 160, worked 100, sick 60: the only man over 50 at U1
 *       H01 (K, 30_49)     sick 8, no scheduled hours (on long-term sick leave): in no sick-leave figure
 *       A01 agency (M)     worked 100
 *   U2  P01–P03 (K, 30_49) scheduled 160; P01 worked 80, sick 80; P02, P03 worked 160
 * </pre>
 *
 * The fact used to have a row per cost centre × category × profession × gender × age band: D01's row was one
 * employee, and its scheduled − worked − vacation − other absence = 160 − 100 = 60 his sick hours; U2's rows were
 * three nurses. The attacks below are the ones that worked then.
 */
class HrPrivacyTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        HrFixture hr = new HrFixture(w.layout());
        for (int i = 1; i <= 12; i++) {
            boolean sick = i == 1;
            hr.add(new EmployeeMonth(202602, String.format("p-N%02d", i), "U1", "OWN", "K", "30_49", sick ? 120 : 160,
                    0, 0, 160, sick ? 40 : 0, sick ? 40 : 0, 0, 0, 0, 0));
        }
        hr.add(new EmployeeMonth(202602, "p-D01", "U1", "OWN", "M", "50_plus", 100, 0, 0, 160, 60, 60, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202602, "p-H01", "U1", "OWN", "K", "30_49", 0, 0, 0, 0, 8, 0, 0, 0, 8, 8));
        hr.add(new EmployeeMonth(202602, "p-A01", "U1", "AGENCY", "M", "50_plus", 100, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        for (int i = 1; i <= 3; i++) {
            boolean sick = i == 1;
            hr.add(new EmployeeMonth(202602, String.format("p-P%02d", i), "U2", "OWN", "K", "30_49", sick ? 80 : 160,
                    0, 0, 160, sick ? 80 : 0, sick ? 80 : 0, 0, 0, 0, 0));
        }
        List<FactPartition> partitions = new ArrayList<>(hr.write("L1"));
        // a rejected HR line, written as etl does: id masked, everything else of the employee's day still there
        w.quarantine("L1", "hr/tid-2026-02.csv", 7, "gender 'X' is not K or M; write K or M (kön)",
                "2026-02-03;***;U2;egen;sjuksköterska;X;1961;arbetad;8");
        w.quarantine("L1", "ledger/huvudbok-2026-02.csv", 3, "amount 'tolv' is not a number", "202602;U1;4010;tolv");
        ReferenceData reference = w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        catalogue = Catalogue.openReadOnly(w.layout());
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    @Test
    void theAnalystsFactHasOnlyRowsOfMoreThanTenEmployees() throws SQLException {
        // U1's own staff: N01–N12, D01 and H01 = 14 employees, 13 of them scheduled (H01 is not);
        // worked 120 + 11 × 160 + 100 = 1 980; scheduled 13 × 160 = 2 080. A01 (1 agency) and U2 (3) have no row.
        assertThat(TestWarehouse.rows(catalogue, "SELECT period, cost_center, staff_category, employees,"
                + " employees_with_scheduled_hours, worked_hours, overtime_hours, on_call_hours, scheduled_hours,"
                + " vacation_hours, other_absence_hours FROM fact.hr_time ORDER BY ALL"))
                .containsExactly("202602|U1|OWN|14|13|1980|0|0|2080|0|0");
        // no profession, gender or age band to narrow a row down, and no sick hours at all
        assertThat(TestWarehouse.rows(catalogue, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'fact' AND table_name = 'hr_time' ORDER BY ordinal_position"))
                .containsExactly("period", "scenario", "cost_center", "staff_category", "employees",
                        "employees_with_scheduled_hours", "worked_hours", "overtime_hours", "on_call_hours",
                        "scheduled_hours", "vacation_hours", "other_absence_hours");
    }

    @Test
    void subtractingPublishedColumnsGivesOnlyWhatTheSuppressedKpisPublishAnyway() throws SQLException {
        // the attack on every row: scheduled − worked − overtime − vacation − other absence. The only row
        // (U1's 13 scheduled employees) gives 2 080 − 1 980 = 100 = N01's 40 + D01's 60: the sick hours
        // kpi.kpi_values publishes for that group of 13 anyway. D01's 60 alone is nowhere.
        assertThat(TestWarehouse.rows(catalogue, "SELECT cost_center, employees_with_scheduled_hours,"
                + " scheduled_hours - worked_hours - overtime_hours - vacation_hours - other_absence_hours"
                + " FROM fact.hr_time")).containsExactly("U1|13|100");
        assertThat(TestWarehouse.rows(catalogue, "SELECT numerator, denominator, suppressed FROM kpi.kpi_values"
                + " WHERE kpi_id = 'sick_leave_pct' AND period = 202602 AND time_window = 'month'"
                + " AND org_level = 'unit' AND org_id = 'U1'")).containsExactly("100|2080|false");
        // H01's 8 sick hours without a schedule: the fact's absence columns count the scheduled employees only, so
        // fact − KPI is 0, not 8 (it would be if the fact summed everyone's absence)
        // U2's three nurses: no fact row, and the KPI is suppressed
        assertThat(TestWarehouse.rows(catalogue, "SELECT value, numerator, suppressed FROM kpi.kpi_values"
                + " WHERE kpi_id = 'sick_leave_pct' AND period = 202602 AND time_window = 'month'"
                + " AND org_level = 'unit' AND org_id = 'U2'")).containsExactly("null|null|true");
    }

    @Test
    void absenceHoursAreNowhereElseAnAnalystCanQuery() throws SQLException {
        // every relation of every schema the catalogue serves, with a column of absence hours: the fact above,
        // the sick-leave table whose small groups are NULL (checked below) — and nothing at a finer grain
        assertThat(TestWarehouse.rows(catalogue, "SELECT DISTINCT table_schema || '.' || table_name"
                + " FROM information_schema.columns WHERE column_name LIKE '%sick%' OR column_name LIKE '%vacation%'"
                + " OR column_name LIKE '%absence%' OR column_name LIKE 'scheduled%' ORDER BY 1"))
                .containsExactly("fact.hr_time", "internal.hr_sick_leave");
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM internal.hr_sick_leave WHERE employees <= 10"
                + " AND (NOT suppressed OR scheduled_hours IS NOT NULL OR sick_hours IS NOT NULL)"))
                .containsExactly("0");
        // the building block every worked-time KPI reads keeps profession for fte.<PROFESSION>, nothing finer
        assertThat(TestWarehouse.rows(catalogue, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'internal' AND table_name = 'hr_worked' ORDER BY ordinal_position"))
                .containsExactly("period", "scenario", "cost_center", "staff_category", "profession", "worked_hours",
                        "overtime_hours", "on_call_hours");
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

    @Test
    void theKpisAreStillComputedFromEveryEmployee() throws SQLException {
        // worked_hours counts U1's own staff and A01, and U2, whose fact rows are not published:
        // 1 980 + 100 + 80 + 2 × 160 = 2 480
        assertThat(TestWarehouse.rows(catalogue, "SELECT value FROM kpi.kpi_values WHERE kpi_id = 'worked_hours'"
                + " AND period = 202602 AND time_window = 'month' AND org_level = 'total'")).containsExactly("2480");
        // headcount, employees with worked hours: N01–N12, D01, A01 and P01–P03 = 17 (H01 worked none)
        assertThat(TestWarehouse.rows(catalogue, "SELECT value FROM kpi.kpi_values WHERE kpi_id = 'headcount'"
                + " AND period = 202602 AND time_window = 'month' AND org_level = 'total'")).containsExactly("17");
    }
}
