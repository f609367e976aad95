package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.ProductionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * The production KPIs of kpi.kpi_values over {@link ProductionFixture}, worked out by hand. Org
 * structure in 2026: U1 in A; U2, U3, U4 in B; X9 unknown (UNMAPPED). KPIs count every provider.
 */
class ProductionKpiValuesTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        catalogue = Catalogue.openReadOnly(ProductionFixture.publish(dir));
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

    @Test
    void contactTypeVolumesSumEveryProviderWithBudgetAndDeviation() throws SQLException {
        String columns = "value, budget_value, deviation_budget_pct, previous_year_value";
        // U1 202601: own 100 + private provider 20 = 120; budget 110 + 25 = 135: (120 − 135) ÷ 135 × 100 = −11.111111;
        // 202501: 80
        assertThat(kpi(columns, "production.DOCTOR_VISIT", 202601, "month", "unit", "U1"))
                .isEqualTo("120|135|-11.111111|80");
        // ytd 202602: 120 + 120 = 240; budget 135 + 100 = 235: 5 ÷ 235 × 100 = 2.127660; last year 80 + 90 = 170
        assertThat(kpi(columns, "production.DOCTOR_VISIT", 202602, "ytd", "unit", "U1"))
                .isEqualTo("240|235|2.12766|170");
        // total 202601: 120 + 200 (U2) + 300 (U4) = 620; budget 135; last year 80 + 180 + 250 = 510
        assertThat(kpi(columns, "production.DOCTOR_VISIT", 202601, "month", "total", "TOTAL"))
                .isEqualTo("620|135|359.259259|510");
        assertThat(kpi("trend", "production.DOCTOR_VISIT", 202601, "month", "total", "TOTAL")).isEqualTo("positive");
    }

    @Test
    void areasRollUpLikeForLike() throws SQLException {
        // U2 moved from A to B on 2026-01-01: at 202601 area B = U2 200 + U4 300 = 500, and last year with the
        // 2026 structure too: U2 180 + U4 250 = 430. Area A = U1 only: 120, last year 80.
        assertThat(kpi("value, previous_year_value", "production.DOCTOR_VISIT", 202601, "month", "area", "B"))
                .isEqualTo("500|430");
        assertThat(kpi("value, previous_year_value", "production.DOCTOR_VISIT", 202601, "month", "area", "A"))
                .isEqualTo("120|80");
        // At 202501 U2 was in A: A = 80 + 180 = 260
        assertThat(kpi("value", "production.DOCTOR_VISIT", 202501, "month", "area", "A")).isEqualTo("260");
    }

    @Test
    void weightedCareServicesMultiplyEachVolumeByItsWeight() throws SQLException {
        // total 202601: doctor visits 620 × 1.0 + discharges (10 + 2) × 4.0 + other visits 10 × 0.5 = 620 + 48 + 5 = 673
        // (bed days, beds, DRG points and the unknown GRUPPBESOK weigh nothing); budget 135 × 1.0
        assertThat(kpi("value, budget_value", "weighted_care_services", 202601, "month", "total", "TOTAL"))
                .isEqualTo("673|135");
        // U1 202601: 100 + 20 + 10 × 4.0 = 160
        assertThat(kpi("value", "weighted_care_services", 202601, "month", "unit", "U1")).isEqualTo("160");
    }

    @Test
    void drgPointsLagOneMonthAndJanuaryYearToDateIsThePreviousFullYear() throws SQLException {
        String columns = "value, previous_year_value";
        // month 202601 shows December 2025: 100.5; a year earlier that is December 2024: nothing
        assertThat(kpi(columns, "drg_points", 202601, "month", "unit", "U1")).isEqualTo("100.5|null");
        // ytd 202601 = the whole of 2025: 40 + 30 + 100.5 = 170.5
        assertThat(kpi(columns, "drg_points", 202601, "ytd", "unit", "U1")).isEqualTo("170.5|null");
        // ytd 202602 = January 2026: 50.25; last year January 2025: 40 → (50.25 − 40) ÷ 40 × 100 = 25.625
        assertThat(kpi(columns + ", deviation_previous_year_pct", "drg_points", 202602, "ytd", "unit", "U1"))
                .isEqualTo("50.25|40|25.625");
        assertThat(kpi(columns, "drg_points", 202602, "month", "total", "TOTAL")).isEqualTo("50.25|40");
        // ytd 202512 = January–November 2025: 40 + 30 = 70
        assertThat(kpi("value", "drg_points", 202512, "ytd", "unit", "U1")).isEqualTo("70");
        // 202501 would show December 2024: nothing delivered, no row
        assertThat(kpi("value", "drg_points", 202501, "month", "unit", "U1")).isEqualTo("no row");
        // the unlagged contact type: February has no DRG rows yet
        assertThat(kpi("value", "production.DRG_POINTS", 202601, "month", "unit", "U1")).isEqualTo("50.25");
        assertThat(kpi("value", "production.DRG_POINTS", 202602, "month", "unit", "U1")).isEqualTo("no row");
    }

    @Test
    void occupancyAndLengthOfStayDivideSummedPartsNeverAverageRatios() throws SQLException {
        String columns = "value, numerator, denominator";
        // 202601: U1 900 ÷ 1000 = 90 %, U3 50 ÷ 100 = 50 % (average of the two would be 70 %);
        // total (900 + 50) ÷ (1000 + 100) × 100 = 86.363636
        assertThat(kpi(columns, "bed_occupancy_pct", 202601, "month", "unit", "U1")).isEqualTo("90|900|1000");
        assertThat(kpi(columns, "bed_occupancy_pct", 202601, "month", "total", "TOTAL")).isEqualTo("86.363636|950|1100");
        // ytd 202602: U1 (50 + 20) ÷ (10 + 2) = 5.833333, U3 2 ÷ 2 = 1 (average 3.416667);
        // total (70 + 2) ÷ (12 + 2) = 72 ÷ 14 = 5.142857
        assertThat(kpi(columns, "average_length_of_stay", 202602, "ytd", "unit", "U1")).isEqualTo("5.833333|70|12");
        assertThat(kpi(columns, "average_length_of_stay", 202602, "ytd", "total", "TOTAL")).isEqualTo("5.142857|72|14");
        assertThat(kpi("value", "average_length_of_stay", 202602, "ytd", "area", "B")).isEqualTo("1");
    }

    @Test
    void unknownContactTypesAndUnitsAreKeptUnderUnmappedAndReported() throws SQLException {
        assertThat(kpi("value", "production.UNMAPPED", 202601, "month", "unit", "U3")).isEqualTo("7");
        assertThat(kpi("value, org_name", "production.OTHER_VISIT", 202601, "month", "unit", "UNMAPPED"))
                .isEqualTo("10|Okänt kostnadsställe");
        assertThat(TestWarehouse.rows(catalogue, "SELECT check_id, subject, rows, amount FROM meta.data_quality"
                + " WHERE source = 'production' ORDER BY check_id"))
                .containsExactly("unmapped_contact_type|GRUPPBESOK|1|7", "unmapped_production_unit|X9|1|10");
    }

    @Test
    void productionKpisHaveSwedishNamesAndOnlyProductionPeriods() throws SQLException {
        assertThat(TestWarehouse.rows(catalogue, "SELECT name_sv FROM dim.kpi WHERE kpi_id IN"
                + " ('drg_points', 'production.DOCTOR_VISIT_REMOTE') ORDER BY kpi_id"))
                .containsExactly("DRG-poäng totalt (1 mån släp)", "Läkarbesök - Distans");
        // 202612 has only BUDGET and FORECAST rows
        assertThat(TestWarehouse.rows(catalogue, "SELECT DISTINCT period FROM kpi.kpi_values ORDER BY period"))
                .containsExactly("202501", "202502", "202511", "202512", "202601", "202602");
        assertThat(TestWarehouse.rows(catalogue, "SELECT period, scenario, cost_center, provider, contact_type, volume,"
                + " weighted_volume FROM internal.production_monthly WHERE cost_center = 'U3' AND contact_type = 'UNMAPPED'"))
                .containsExactly("202601|ACTUAL|U3|OWN|UNMAPPED|7|0");
    }
}
