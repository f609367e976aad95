package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.warehouse.HrFixture;
import se.nyckeltal.warehouse.HrFixture.EmployeeMonth;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * HR KPIs, worked out by hand. Org structure of 2026 (RegionFixture): U1 in area A; U2, U3, U4 in B.
 * parameters.csv: 2026 norm 1 800 h (150 a month); 2025 has no row, so 1 725 h (143,75 a month).
 *
 * <pre>
 * February 2026, own staff unless said, hours per employee:
 *   U1  E01–E11 (E01–E06 K, E07–E11 M)  worked 140 + overtime 10, scheduled 160
 *         E01 sick 44 (days 1–14); E02 sick 44 (days 15–90, 20 of them from day 60)
 *       H01 (K)  sick 8, no scheduled hours: not in any sick-leave figure
 *       A01 agency (M)  worked 100, on call 30
 *   U3  F01–F10 (K)  worked 95, scheduled 100; F01 sick 45 (days 1–14)
 *   U2  G01 (M)  worked 90, scheduled 100, sick 10 (days 91–365, all from day 60)
 * January 2026: E01–E11 worked 210 each.      February 2025: E01–E11 worked 250, scheduled 160; A01 worked 125.
 * Ledger ACTUAL 2026-02 (personnel accounts): U1 4010 1 650 000 + 4710 (agency) 100 000; U3 4010 500 000;
 * U4 4010 200 000 (no HR rows).
 * </pre>
 */
class HrKpiTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        w.ledger(202602, "ACTUAL", "U1", "4010", "1650000").ledger(202602, "ACTUAL", "U1", "4710", "100000")
                .ledger(202602, "ACTUAL", "U3", "4010", "500000").ledger(202602, "ACTUAL", "U4", "4010", "200000")
                .ledger(202502, "ACTUAL", "U1", "4010", "1500000");
        List<FactPartition> partitions = new ArrayList<>(w.writeLedger("L1"));
        HrFixture hr = new HrFixture(w.layout());
        for (int i = 1; i <= 11; i++) {
            String e = String.format("p-E%02d", i);
            String gender = i <= 6 ? "K" : "M";
            double sick = i <= 2 ? 44 : 0;
            hr.add(new EmployeeMonth(202602, e, "U1", "OWN", gender, "30_49", 140, 10, 0, 160, sick,
                    i == 1 ? 44 : 0, i == 2 ? 44 : 0, 0, 0, i == 2 ? 20 : 0));
            hr.add(new EmployeeMonth(202601, e, "U1", "OWN", gender, "30_49", 210, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            hr.add(new EmployeeMonth(202502, e, "U1", "OWN", gender, "30_49", 250, 0, 0, 160, 0, 0, 0, 0, 0, 0));
        }
        hr.add(new EmployeeMonth(202602, "p-H01", "U1", "OWN", "K", "30_49", 0, 0, 0, 0, 8, 8, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202602, "p-A01", "U1", "AGENCY", "M", "50_plus", 100, 0, 30, 0, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202502, "p-A01", "U1", "AGENCY", "M", "50_plus", 125, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        for (int i = 1; i <= 10; i++) {
            hr.add(new EmployeeMonth(202602, String.format("p-F%02d", i), "U3", "OWN", "K", "30_49", 95, 0, 0, 100,
                    i == 1 ? 45 : 0, i == 1 ? 45 : 0, 0, 0, 0, 0));
        }
        hr.add(new EmployeeMonth(202602, "p-G01", "U2", "OWN", "M", "0_29", 90, 0, 0, 100, 10, 0, 0, 10, 0, 10));
        partitions.addAll(hr.write("L1"));
        ReferenceData reference = w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS,
                "parameters.csv", "year;fte_norm_hours\n2026;1800\n"));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        catalogue = Catalogue.openReadOnly(w.layout());
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    private static String kpi(String columns, String kpiId, int period, String window, String level, String org)
            throws SQLException {
        List<String> rows = TestWarehouse.rows(catalogue, "SELECT " + columns + " FROM kpi.kpi_values WHERE kpi_id = '"
                + kpiId + "' AND period = " + period + " AND time_window = '" + window + "' AND org_level = '" + level
                + "' AND org_id = '" + org + "'");
        assertThat(rows).as("%s %s %s %s %s", kpiId, period, window, level, org).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? "no row" : rows.get(0);
    }

    private static String value(String kpiId, String level, String org) throws SQLException {
        return kpi("round(value, 4), suppressed", kpiId, 202602, "month", level, org);
    }

    @Test
    void sickLeaveOfOwnStaffWithScheduledHoursByDayIntervals() throws SQLException {
        // U1: 11 employees × 160 = 1 760 scheduled, sick 44 + 44 = 88 → 88 ÷ 1 760 × 100 = 5 %.
        // H01's 8 sick hours without scheduled hours and A01 (agency) count nowhere.
        assertThat(kpi("value, numerator, denominator, suppressed", "sick_leave_pct", 202602, "month", "unit", "U1"))
                .isEqualTo("5|88|1760|false");
        // days 1–14: 44 ÷ 1 760 = 2,5 %; 15–90: 44 ÷ 1 760 = 2,5 %; 91–365 and 366–: 0
        assertThat(value("sick_leave_pct_days_1_14", "unit", "U1")).isEqualTo("2.5|false");
        assertThat(value("sick_leave_pct_days_15_90", "unit", "U1")).isEqualTo("2.5|false");
        assertThat(value("sick_leave_pct_days_91_365", "unit", "U1")).isEqualTo("0|false");
        assertThat(value("sick_leave_pct_days_366_plus", "unit", "U1")).isEqualTo("0|false");
        // from day 60: 20 of 88 sick hours = 22,7273 %
        assertThat(value("sick_leave_long_share_pct", "unit", "U1")).isEqualTo("22.7273|false");
        // total: 22 employees; sick 88 + 45 + 10 = 143 of 1 760 + 1 000 + 100 = 2 860 scheduled → 5 %;
        // from day 60: 20 + 10 = 30 of 143 = 20,979 %; days 91–365: 10 ÷ 2 860 = 0,3497 %
        assertThat(kpi("value, numerator, denominator", "sick_leave_pct", 202602, "month", "total", "TOTAL"))
                .isEqualTo("5|143|2860");
        assertThat(value("sick_leave_long_share_pct", "total", "TOTAL")).isEqualTo("20.979|false");
        assertThat(value("sick_leave_pct_days_91_365", "total", "TOTAL")).isEqualTo("0.3497|false");
        // women: E01–E06 and F01–F10 = 16 would be 133 of 1 960 = 6,7857 %, and age 30–49 (everyone but G01) 21
        // employees, 133 of 2 760 = 4,8188 % — but TOTAL − women = the 6 men, TOTAL − 30–49 = G01 alone: both are
        // suppressed beside their small sibling (complementary suppression, HrPrivacyTest tries every subtraction)
        assertThat(kpi("value, numerator, suppressed", "sick_leave_pct_women", 202602, "month", "total", "TOTAL"))
                .isEqualTo("null|null|true");
        assertThat(value("sick_leave_pct_age_30_49", "total", "TOTAL")).isEqualTo("null|true");
        assertThat(TestWarehouse.rows(catalogue, "SELECT population, reason FROM internal.hr_suppression"
                + " WHERE period = 202602 AND time_window = 'month' AND measure = 'actual' AND org_id = 'TOTAL'"
                + " AND population LIKE 'sick_leave.%' AND suppressed ORDER BY ALL")).containsExactly(
                        "sick_leave.age_0_29|small_group", "sick_leave.age_30_49|complementary",
                        "sick_leave.men|small_group", "sick_leave.women|complementary");
    }

    @Test
    void groupsOfTenOrFewerEmployeesAreSuppressedAndElevenAreShown() throws SQLException {
        // U3 has 10 employees with scheduled hours: NULL, suppressed — numerator and denominator too.
        assertThat(kpi("value, numerator, denominator, suppressed", "sick_leave_pct", 202602, "month", "unit", "U3"))
                .isEqualTo("null|null|null|true");
        assertThat(value("sick_leave_pct_days_1_14", "unit", "U3")).isEqualTo("null|true");
        // Area B in 2026 = U2 (G01) + U3 (10) + U4: 11 employees → shown: 45 + 10 = 55 of 1 000 + 100 = 1 100 → 5 %
        assertThat(value("sick_leave_pct", "area", "B")).isEqualTo("5|false");
        // men at total: E07–E11 + G01 = 6 → suppressed; men of U1: 5; women of U1: 6
        assertThat(value("sick_leave_pct_men", "total", "TOTAL")).isEqualTo("null|true");
        assertThat(value("sick_leave_pct_women", "unit", "U1")).isEqualTo("null|true");
        assertThat(TestWarehouse.rows(catalogue, "SELECT org_id, employees, suppressed FROM internal.hr_sick_leave"
                + " WHERE period = 202602 AND time_window = 'month' AND measure = 'actual' AND group_id = 'all'"
                + " AND org_level = 'unit' ORDER BY org_id")).containsExactly("U1|11|false", "U2|1|true", "U3|10|true");
        // the analysts' fact has no row for a group of 10 or fewer: U3's 10 nurses (HrPrivacyTest has the rest)
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM fact.hr_time WHERE period = 202602"
                + " AND cost_center = 'U3'")).containsExactly("0");
    }

    @Test
    void workedHoursAndFteUseEachYearsNorm() throws SQLException {
        // worked = WORKED + OVERTIME, every staff category, no on-call:
        // U1 11 × 150 + A01 100 = 1 750; U3 10 × 95 = 950; U2 90 → total 2 790
        assertThat(kpi("value", "worked_hours", 202602, "month", "total", "TOTAL")).isEqualTo("2790");
        assertThat(kpi("value", "worked_hours", 202602, "month", "unit", "U1")).isEqualTo("1750");
        // fte month: 2 790 ÷ (1 800 × 1 ÷ 12 = 150) = 18,6; the year before: (11 × 250 + 125) = 2 875 ÷ (1 725 ÷ 12
        // = 143,75) = 20 → −7 %
        assertThat(kpi("value, denominator, previous_year_value, deviation_previous_year_pct, trend", "fte", 202602,
                "month", "total", "TOTAL")).isEqualTo("18.6|150|20|-7|positive");
        // ytd: (2 310 + 2 790) ÷ (1 800 × 2 ÷ 12 = 300) = 17; the year before only February: 2 875 ÷ 287,5 = 10
        assertThat(kpi("value, denominator, previous_year_value", "fte", 202602, "ytd", "total", "TOTAL"))
                .isEqualTo("17|300|10");
        // internal.hr_window_hours gives drg_per_fte the same parts
        assertThat(TestWarehouse.rows(catalogue, "SELECT worked_hours, CAST(norm_hours AS DECIMAL(18,4)) FROM internal.hr_window_hours"
                + " WHERE period = 202602 AND time_window = 'month' AND measure = 'actual' AND org_level = 'total'"
                + " AND population = 'worked'")).containsExactly("2790|150");
    }

    @Test
    void costPerWorkedHourDividesAllPersonnelCostByAllWorkedHours() throws SQLException {
        // U1: (1 650 000 + 100 000 agency) ÷ 1 750 = 1 000 kr
        assertThat(kpi("value, numerator, denominator", "cost_per_worked_hour", 202602, "month", "unit", "U1"))
                .isEqualTo("1000|1750000|1750");
        // total: no unit left out: U4's 200 000 counts though U4 has no hours:
        // (1 750 000 + 500 000 + 200 000) ÷ 2 790 = 878,1362
        assertThat(kpi("round(value, 4), numerator, denominator", "cost_per_worked_hour", 202602, "month", "total",
                "TOTAL")).isEqualTo("878.1362|2450000|2790");
        // area B: (500 000 + 200 000) ÷ (950 + 90) = 673,0769
        assertThat(kpi("round(value, 4)", "cost_per_worked_hour", 202602, "month", "area", "B")).isEqualTo("673.0769");
        // a unit with cost but no hours: no value; U2, where G01 alone worked: cost ÷ hours would give his hours
        // away, so it is suppressed like his worked time
        assertThat(kpi("value, numerator, denominator, suppressed", "cost_per_worked_hour", 202602, "month", "unit",
                "U2")).isEqualTo("null|null|null|true");
        assertThat(kpi("value, numerator, denominator", "cost_per_worked_hour", 202602, "month", "unit", "U4"))
                .isEqualTo("null|200000|null");
    }

    @Test
    void workedTimeTableLikeTheMonthlyReport() throws SQLException {
        // incl on call 1 650 + 950 + 90 + A01's 100 + 30 = 2 820; excl 2 790; fte 18,6; the year before 2 875 both
        // ways, fte 20. Agency is A01 alone (130, the year before 125): suppressed, and own staff (2 690, 2 750) with
        // it, or worked time incl on call − own staff would give A01's hours
        assertThat(TestWarehouse.rows(catalogue, "SELECT line_id, actual, previous_year, change, round(change_pct, 2),"
                + " suppressed, suppressed_previous_year FROM kpi.worked_time WHERE period = 202602"
                + " AND time_window = 'month' AND org_level = 'total' ORDER BY line_order")).containsExactly(
                "own_staff|null|null|null|null|true|true",
                "resource_pool|0|0|0|null|false|false",
                "agency|null|null|null|null|true|true",
                "worked_incl_on_call|2820|2875|-55|-1.91|false|false",
                "worked_excl_on_call|2790|2875|-85|-2.96|false|false",
                "fte|18.6|20|-1.4|-7|false|false");
    }

    @Test
    void sickLeaveTableShowsThreeYearsAndRespectsSuppression() throws SQLException {
        // 2026: 5 %; 2025: E01–E11 scheduled 160, no sick leave: 0 %; 2024: no data.
        // Women 2025 are E01–E06 only (6): suppressed that year; in 2026 (16) suppressed beside the 6 men.
        assertThat(TestWarehouse.rows(catalogue, "SELECT line_name, year, value, suppressed, value_previous_year,"
                + " suppressed_previous_year, value_two_years_earlier FROM kpi.sick_leave WHERE period = 202602"
                + " AND time_window = 'month' AND org_level = 'total' AND line_order IN (1, 7, 8) ORDER BY line_order"))
                .containsExactly(
                        "Total sjukfrånvaro|2026|5|false|0|false|null",
                        "Kvinnor|2026|null|true|null|true|null",
                        "Män|2026|null|true|null|true|null");
    }

    @Test
    void noTableOrViewHoldsAnEmployeeOrPointsIntoRestrictedStorage() throws SQLException {
        List<String> columns = TestWarehouse.rows(catalogue, "SELECT table_schema || '.' || table_name || '.' ||"
                + " column_name FROM information_schema.columns WHERE table_schema IN ('dim', 'fact', 'kpi', 'meta', 'internal')"
                + " AND data_type = 'VARCHAR'");
        assertThat(columns).hasSizeGreaterThan(50);
        for (String column : columns) {
            String[] part = column.split("\\.");
            assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM " + part[0] + "." + part[1] + " WHERE \""
                    + part[2] + "\" LIKE '%p-%'")).as(column).containsExactly("0");
        }
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM duckdb_views() WHERE sql LIKE '%restricted%'"))
                .containsExactly("0");
    }

    @Test
    void aViewOverRestrictedDataIsABuildError() {
        BuildOrder order = new BuildOrder(List.of(), List.of(new BuildOrder.SqlFile("kpi/leak.sql",
                "-- kpi.leak: one row per employee\nCREATE VIEW kpi.leak AS SELECT * FROM ${hr_employee_month_parquet}",
                BuildOrder.Scope.FULL)));

        assertThatThrownBy(() -> RestrictedFacts.checkOnlyTablesRead(order, CatalogueBuilder.FACTS))
                .hasMessageContaining("sql/kpi/leak.sql reads the restricted fact hr_employee_month but is not a CREATE"
                        + " TABLE");
        RestrictedFacts.checkOnlyTablesRead(BuildOrder.load(), CatalogueBuilder.FACTS);
        assertThat(FactSchema.HR_EMPLOYEE_MONTH.restricted()).isTrue();
    }
}
