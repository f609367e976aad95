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
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * kpi.kpi_values over {@link RegionFixture}, worked out by hand. Org structure on 2026-02-01: U1 in A;
 * U2, U3, U4 in B; X9 unknown. Amounts below are KPI magnitudes (revenue = −ledger amount).
 *
 * <pre>
 *               202602 ACTUAL                                   202601 ACTUAL
 *   U1  revenue 1000 + 5000 (regionersättning) = 6000            cost 1000
 *       cost 2000 + 300 (overtime) + 700 (agency) + 1000 = 4000  (9999: 50 unmapped, in nothing)
 *       personnel 2000 + 300 + 700 = 3000, agency 700
 *   U2  revenue 500, cost 1500, personnel 1500                   cost 500
 *   U3  cost 800                                                  cost 200 (ABC: 10 unmapped)
 *   X9  cost 100, personnel 100
 * </pre>
 */
class KpiValuesTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        catalogue = Catalogue.openReadOnly(RegionFixture.publish(dir));
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    private static final String AMOUNTS = "value, numerator, denominator";

    private static String kpi(String columns, String kpiId, int period, String window, String level, String org)
            throws SQLException {
        List<String> rows = TestWarehouse.rows(catalogue, "SELECT " + columns + " FROM kpi.kpi_values WHERE kpi_id = '"
                + kpiId + "' AND period = " + period + " AND time_window = '" + window + "' AND org_level = '" + level
                + "' AND org_id = '" + org + "'");
        assertThat(rows).as("%s %s %s %s %s", kpiId, period, window, level, org).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? "no row" : rows.get(0);
    }

    @Test
    void ledgerKpisForTheMonthAtUnitAreaAndTotal() throws SQLException {
        // U1: revenue 6000, cost 4000, result 6000 − 4000 = 2000, personnel 3000, agency 700
        assertThat(kpi(AMOUNTS, "revenue", 202602, "month", "unit", "U1")).isEqualTo("6000|6000|null");
        assertThat(kpi(AMOUNTS, "cost", 202602, "month", "unit", "U1")).isEqualTo("4000|4000|null");
        assertThat(kpi(AMOUNTS, "result", 202602, "month", "unit", "U1")).isEqualTo("2000|2000|null");
        assertThat(kpi(AMOUNTS, "personnel_cost", 202602, "month", "unit", "U1")).isEqualTo("3000|3000|null");
        assertThat(kpi(AMOUNTS, "agency_cost", 202602, "month", "unit", "U1")).isEqualTo("700|700|null");

        // area B = U2 + U3: revenue 500, cost 1500 + 800 = 2300, result −1800, personnel 1500, agency 0
        assertThat(kpi("value", "revenue", 202602, "month", "area", "B")).isEqualTo("500");
        assertThat(kpi("value", "cost", 202602, "month", "area", "B")).isEqualTo("2300");
        assertThat(kpi("value", "result", 202602, "month", "area", "B")).isEqualTo("-1800");
        assertThat(kpi("value", "personnel_cost", 202602, "month", "area", "B")).isEqualTo("1500");
        assertThat(kpi("value", "agency_cost", 202602, "month", "area", "B")).isEqualTo("0");

        // total = U1 + U2 + U3 + X9: revenue 6500, cost 4000 + 1500 + 800 + 100 = 6400, result 100,
        // personnel 3000 + 1500 + 100 = 4600, agency 700
        assertThat(kpi("value, org_name", "revenue", 202602, "month", "total", "TOTAL")).isEqualTo("6500|Totalt");
        assertThat(kpi("value", "cost", 202602, "month", "total", "TOTAL")).isEqualTo("6400");
        assertThat(kpi("value", "result", 202602, "month", "total", "TOTAL")).isEqualTo("100");
        assertThat(kpi("value", "personnel_cost", 202602, "month", "total", "TOTAL")).isEqualTo("4600");
        assertThat(kpi("value", "agency_cost", 202602, "month", "total", "TOTAL")).isEqualTo("700");
    }

    @Test
    void ledgerKpisForTheYearToDateAtUnitAreaAndTotal() throws SQLException {
        // ytd 202602 = 202601 + 202602. U1 cost 1000 + 4000 = 5000, result 6000 − 5000 = 1000,
        // personnel 1000 + 3000 = 4000
        assertThat(kpi("value", "cost", 202602, "ytd", "unit", "U1")).isEqualTo("5000");
        assertThat(kpi("value", "result", 202602, "ytd", "unit", "U1")).isEqualTo("1000");
        assertThat(kpi("value", "personnel_cost", 202602, "ytd", "unit", "U1")).isEqualTo("4000");
        assertThat(kpi("value", "agency_cost", 202602, "ytd", "unit", "U1")).isEqualTo("700");
        assertThat(kpi("value", "revenue", 202602, "ytd", "unit", "U1")).isEqualTo("6000");

        // area B: cost (500 + 1500) + (200 + 800) = 3000, revenue 500, result −2500, personnel 2000
        assertThat(kpi("value", "cost", 202602, "ytd", "area", "B")).isEqualTo("3000");
        assertThat(kpi("value", "result", 202602, "ytd", "area", "B")).isEqualTo("-2500");
        assertThat(kpi("value", "personnel_cost", 202602, "ytd", "area", "B")).isEqualTo("2000");

        // total: cost 5000 + 2000 + 1000 + 100 = 8100, revenue 6500, result −1600,
        // personnel 4000 + 2000 + 100 = 6100, agency 700
        assertThat(kpi("value", "cost", 202602, "ytd", "total", "TOTAL")).isEqualTo("8100");
        assertThat(kpi("value", "revenue", 202602, "ytd", "total", "TOTAL")).isEqualTo("6500");
        assertThat(kpi("value", "result", 202602, "ytd", "total", "TOTAL")).isEqualTo("-1600");
        assertThat(kpi("value", "personnel_cost", 202602, "ytd", "total", "TOTAL")).isEqualTo("6100");
        assertThat(kpi("value", "agency_cost", 202602, "ytd", "total", "TOTAL")).isEqualTo("700");

        // the month window of January is January alone: U1 cost 1000
        assertThat(kpi("value", "cost", 202601, "month", "unit", "U1")).isEqualTo("1000");
        assertThat(kpi("value", "cost", 202601, "ytd", "unit", "U1")).isEqualTo("1000");
    }

    @Test
    void budgetValueAndDeviationComeFromBudgetRowsOfTheSameWindow() throws SQLException {
        String columns = "value, budget_value, deviation_budget_pct";
        // BUDGET 202602 U1: cost 2500, revenue 1000 + 5000 = 6000, result 3500
        // cost: (4000 − 2500) ÷ 2500 × 100 = 60
        assertThat(kpi(columns, "cost", 202602, "month", "unit", "U1")).isEqualTo("4000|2500|60");
        // result: (2000 − 3500) ÷ |3500| × 100 = −42.857142… → −42.857143
        assertThat(kpi(columns, "result", 202602, "month", "unit", "U1")).isEqualTo("2000|3500|-42.857143");
        // total budget cost 2500 + 1000 (U3) + 400 (U4) = 3900: (6400 − 3900) ÷ 3900 × 100 = 64.102564
        assertThat(kpi(columns, "cost", 202602, "month", "total", "TOTAL")).isEqualTo("6400|3900|64.102564");
        // ytd total budget cost (1000) + 3900 = 4900: (8100 − 4900) ÷ 4900 × 100 = 65.306122
        assertThat(kpi(columns, "cost", 202602, "ytd", "total", "TOTAL")).isEqualTo("8100|4900|65.306122");
        // U2 has no budget rows: no budget value, no deviation
        assertThat(kpi(columns, "cost", 202602, "month", "unit", "U2")).isEqualTo("1500|null|null");
        // area B budget revenue is 0 (U3 and U4 budget only costs): deviation against 0 is NULL
        assertThat(kpi(columns, "revenue", 202602, "month", "area", "B")).isEqualTo("500|0|null");
        // development KPIs have no budget (has_budget false)
        assertThat(kpi("budget_value", "gross_cost_development_pct", 202602, "month", "unit", "U1")).isEqualTo("null");
    }

    @Test
    void orgWithOnlyBudgetRowsGetsARowWithoutValue() throws SQLException {
        // U4 has only BUDGET 5010 400 in 202602
        assertThat(kpi("value, numerator, budget_value, trend", "cost", 202602, "month", "unit", "U4"))
                .isEqualTo("null|null|400|neutral");
        assertThat(kpi("value, budget_value", "cost", 202602, "ytd", "unit", "U4")).isEqualTo("null|400");
        // but no row in a period without ACTUAL ledger rows at all (202612 has only BUDGET and FORECAST)
        assertThat(TestWarehouse.rows(catalogue, "SELECT DISTINCT period FROM kpi.kpi_values ORDER BY period"))
                .containsExactly("202401", "202402", "202501", "202502", "202512", "202601", "202602");
    }

    @Test
    void previousYearValueIsTheSameWindowTwelveMonthsEarlier() throws SQLException {
        String columns = "value, previous_year_value, deviation_previous_year_pct";
        // U1 202502: cost 1600, revenue 800 + 4000 = 4800: (4000 − 1600) ÷ 1600 × 100 = 150
        assertThat(kpi(columns, "cost", 202602, "month", "unit", "U1")).isEqualTo("4000|1600|150");
        assertThat(kpi(columns, "revenue", 202602, "month", "unit", "U1")).isEqualTo("6000|4800|25");
        // total 202502: cost 1600 + 1000 + 1000 = 3600: (6400 − 3600) ÷ 3600 × 100 = 77.777778
        assertThat(kpi(columns, "cost", 202602, "month", "total", "TOTAL")).isEqualTo("6400|3600|77.777778");
        // ytd 202501..202502: U1 900 + 1600, U2 500 + 1000, U3 1000 → 5000: (8100 − 5000) ÷ 5000 × 100 = 62
        assertThat(kpi(columns, "cost", 202602, "ytd", "total", "TOTAL")).isEqualTo("8100|5000|62");
        // X9 has no rows a year earlier
        assertThat(kpi(columns, "cost", 202602, "month", "unit", "UNMAPPED")).isEqualTo("100|null|null");
    }

    @Test
    void unitThatMovedAreaOnFirstOfJanuaryCountsInItsNewAreaForThePreviousYearToo() throws SQLException {
        // At 202602, U2 is in B: previous-year cost of B = U2 1000 + U3 1000 = 2000 (like-for-like),
        // and A's is U1 alone, 1600.
        assertThat(kpi("value, previous_year_value", "cost", 202602, "month", "area", "B")).isEqualTo("2300|2000");
        assertThat(kpi("value, previous_year_value", "cost", 202602, "month", "area", "A")).isEqualTo("4000|1600");
        // ytd: B a year earlier = U2 (500 + 1000) + U3 1000 = 2500
        assertThat(kpi("value, previous_year_value", "cost", 202602, "ytd", "area", "B")).isEqualTo("3000|2500");
        // The same 202502 rows shown at their own period use the 2025 structure: U2 in A,
        // A = 1600 + 1000 = 2600, B = U3 1000.
        assertThat(kpi("value", "cost", 202502, "month", "area", "A")).isEqualTo("2600");
        assertThat(kpi("value", "cost", 202502, "month", "area", "B")).isEqualTo("1000");
        // 202512: U1 400 + U2 100 in A; B has no rows that month, so no row
        assertThat(kpi("value, org_name", "cost", 202512, "month", "area", "A")).isEqualTo("500|Område A");
        assertThat(kpi("value", "cost", 202512, "month", "area", "B")).isEqualTo("no row");
    }

    @Test
    void targetValueComesFromKpiTargetsForThePeriodsYear() throws SQLException {
        // kpi_targets.csv: cost 2026 = 5000, gross_cost_development_pct 2026 = 3.5; nothing for 2025
        assertThat(kpi("target_value", "cost", 202602, "month", "unit", "U1")).isEqualTo("5000");
        assertThat(kpi("target_value", "cost", 202602, "ytd", "total", "TOTAL")).isEqualTo("5000");
        assertThat(kpi("target_value", "gross_cost_development_pct", 202601, "month", "area", "B")).isEqualTo("3.5");
        assertThat(kpi("target_value", "cost", 202502, "month", "unit", "U1")).isEqualTo("null");
        assertThat(kpi("target_value", "revenue", 202602, "month", "unit", "U1")).isEqualTo("null");
    }

    @Test
    void trendComparesWithThePreviousYearInTheKpisGoodDirection() throws SQLException {
        // cost is better down: U1 4000 vs 1600 → negative; U3 800 vs 1000 → positive
        assertThat(kpi("trend", "cost", 202602, "month", "unit", "U1")).isEqualTo("negative");
        assertThat(kpi("trend", "cost", 202602, "month", "unit", "U3")).isEqualTo("positive");
        // revenue is better up: U1 6000 vs 4800 → positive
        assertThat(kpi("trend", "revenue", 202602, "month", "unit", "U1")).isEqualTo("positive");
        // result, up: area B −1800 vs −2000 → positive; U2 −1000 vs −1000 → neutral
        assertThat(kpi("trend", "result", 202602, "month", "area", "B")).isEqualTo("positive");
        assertThat(kpi("trend", "result", 202602, "month", "unit", "U2")).isEqualTo("neutral");
        // no previous year → neutral
        assertThat(kpi("trend", "cost", 202602, "month", "unit", "UNMAPPED")).isEqualTo("neutral");
    }

    @Test
    void grossCostDevelopmentDividesCostGrowthByLastYearsCostAfterTheRollUp() throws SQLException {
        String columns = "value, numerator, denominator, previous_year_value, target_value, trend";
        // U1: (4000 − 1600) ÷ 1600 × 100 = 150; a year earlier (1600 − 1000) ÷ 1000 × 100 = 60 (cost 202402 = 1000)
        assertThat(kpi(columns, "gross_cost_development_pct", 202602, "month", "unit", "U1"))
                .isEqualTo("150|2400|1600|60|3.5|negative");
        // area B: (2300 − 2000) ÷ 2000 × 100 = 15; a year earlier 202402 B = U2 1000 + U3 500 = 1500:
        // (2000 − 1500) ÷ 1500 × 100 = 33.333333 → 15 is better (down) → positive
        assertThat(kpi(columns, "gross_cost_development_pct", 202602, "month", "area", "B"))
                .isEqualTo("15|300|2000|33.333333|3.5|positive");
        // total: numerators and denominators summed first: (6400 − 3600) ÷ 3600 × 100 = 77.777778,
        // not an average of the units' percentages; a year earlier (3600 − 2500) ÷ 2500 × 100 = 44
        assertThat(kpi(columns, "gross_cost_development_pct", 202602, "month", "total", "TOTAL"))
                .isEqualTo("77.777778|2800|3600|44|3.5|negative");
        // ytd total: (8100 − 5000) ÷ 5000 × 100 = 62; a year earlier ytd 2024 = 200 + 1000 + 1000 + 500 = 2700:
        // (5000 − 2700) ÷ 2700 × 100 = 85.185185 → positive
        assertThat(kpi(columns, "gross_cost_development_pct", 202602, "ytd", "total", "TOTAL"))
                .isEqualTo("62|3100|5000|85.185185|3.5|positive");
        // X9 has no cost a year earlier: no denominator, no value
        assertThat(kpi(columns, "gross_cost_development_pct", 202602, "month", "unit", "UNMAPPED"))
                .isEqualTo("null|null|null|null|3.5|neutral");
    }

    @Test
    void netCostDevelopmentLeavesOutTheRegionalAllocation() throws SQLException {
        String columns = "value, numerator, denominator, previous_year_value";
        // net cost = cost − revenue without regionersättning (3210).
        // total 202602: 6400 − (1000 + 500) = 4900; 202502: 3600 − 800 = 2800; 202402: 2500 − 500 = 2000
        // value (4900 − 2800) ÷ 2800 × 100 = 75; previous year (2800 − 2000) ÷ 2000 × 100 = 40
        assertThat(kpi(columns, "net_cost_development_pct", 202602, "month", "total", "TOTAL"))
                .isEqualTo("75|2100|2800|40");
        // U1: 202602 4000 − 1000 = 3000; 202502 1600 − 800 = 800: (3000 − 800) ÷ 800 × 100 = 275
        assertThat(kpi(columns, "net_cost_development_pct", 202602, "month", "unit", "U1"))
                .isEqualTo("275|2200|800|60");
        // area B: 202602 2300 − 500 = 1800; 202502 2000 − 0 = 2000: (1800 − 2000) ÷ 2000 × 100 = −10;
        // a year earlier 202402 1500: (2000 − 1500) ÷ 1500 × 100 = 33.333333
        assertThat(kpi(columns, "net_cost_development_pct", 202602, "month", "area", "B"))
                .isEqualTo("-10|-200|2000|33.333333");
        // ytd total: 2026 8100 − 1500 = 6600; 2025 5000 − 800 = 4200: (6600 − 4200) ÷ 4200 × 100 = 57.142857
        assertThat(kpi("value", "net_cost_development_pct", 202602, "ytd", "total", "TOTAL")).isEqualTo("57.142857");
    }

    @Test
    void unknownCostCentreIsReportedUnderUnmappedAndInTheTotal() throws SQLException {
        assertThat(kpi("org_name, value", "cost", 202602, "month", "unit", "UNMAPPED"))
                .isEqualTo("Okänt kostnadsställe|100");
        assertThat(kpi("org_name, value", "cost", 202602, "month", "area", "UNMAPPED")).isEqualTo("Ej mappat|100");
        // total 6400 includes X9's 100 (see above); units and areas add up to it
        assertThat(TestWarehouse.rows(catalogue, "SELECT org_level, SUM(value) FROM kpi.kpi_values WHERE kpi_id = 'cost'"
                + " AND period = 202602 AND time_window = 'month' GROUP BY org_level ORDER BY org_level"))
                .containsExactly("area|6400", "total|6400", "unit|6400");
    }

    @Test
    void unknownAccountCountsInNoKpi() throws SQLException {
        // 9999 (50 at U1 in 202602) and ABC (10 at U3 in 202601) are in no range: U1's cost stays 4000,
        // U3's ytd cost 200 + 800 = 1000. meta.data_quality reports both (MetaTablesTest).
        assertThat(kpi("value", "cost", 202602, "month", "unit", "U1")).isEqualTo("4000");
        assertThat(kpi("value", "cost", 202602, "ytd", "unit", "U3")).isEqualTo("1000");
        assertThat(TestWarehouse.rows(catalogue, "SELECT DISTINCT line_id, line_name, kind FROM fact.ledger_lines"
                + " WHERE account IN ('9999', 'ABC')")).containsExactly("UNMAPPED|Ej mappade konton|null");
    }

    @Test
    void rowsAreStoredByPeriodWindowLevelKpiAndOrg() throws SQLException {
        // the stored order (rowid) is what DuckDB's zone maps prune on: one period's rows lie together
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*), count(*) FILTER (WHERE rowid <> sorted) FROM ("
                + "SELECT rowid, row_number() OVER (ORDER BY period, time_window, org_level, kpi_id, org_id) - 1 AS sorted"
                + " FROM kpi.kpi_values)")).singleElement().asString().matches("[1-9][0-9]*\\|0");
    }

    @Test
    void kpiValuesHasTheCanonicalColumns() throws SQLException {
        assertThat(TestWarehouse.rows(catalogue, "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = 'kpi' AND table_name = 'kpi_values' ORDER BY ordinal_position"))
                .containsExactly("kpi_id|VARCHAR", "period|INTEGER", "time_window|VARCHAR", "org_level|VARCHAR",
                        "org_id|VARCHAR", "org_name|VARCHAR", "value|DECIMAL(38,6)", "numerator|DECIMAL(38,6)",
                        "denominator|DECIMAL(38,6)", "budget_value|DECIMAL(38,6)", "previous_year_value|DECIMAL(38,6)",
                        "target_value|DECIMAL(38,6)", "deviation_budget_pct|DECIMAL(38,6)",
                        "deviation_previous_year_pct|DECIMAL(38,6)", "trend|VARCHAR", "suppressed|BOOLEAN",
                        "forecast_full_year_value|DECIMAL(38,6)");
        assertThat(TestWarehouse.rows(catalogue, "SELECT table_type FROM information_schema.tables"
                + " WHERE table_schema = 'kpi' AND table_name = 'kpi_values'")).containsExactly("BASE TABLE");
        assertThat(TestWarehouse.rows(catalogue, "SELECT count(*) FROM kpi.kpi_values WHERE suppressed"))
                .containsExactly("0");
    }
}
