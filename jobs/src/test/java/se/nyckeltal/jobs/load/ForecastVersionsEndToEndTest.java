package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.jobs.load.LandingRun.rows;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * Forecast versions in the ledger (forecast_made / prognosmånad): a forecast made in February and one
 * made in April for the same year both stay; fact.ledger shows the one in force, fact.ledger_forecasts
 * both. Worked out by hand:
 *
 * <pre>
 * ACTUAL   U1 cost (4010) 2024-03: 100, 2024-04: 110; revenue (3010) 2024-03: −300
 * FORECAST made 202402: U1 4010 2024-01: 500, 2024-12: 700  → cost 1 200 for 2024
 * FORECAST made 202404: U1 4010 2024-01: 520, 2024-12: 900  → cost 1 420 for 2024
 * BUDGET   U1 4010 2024-03: 90
 * an ACTUAL row with a forecast month: quarantined
 * forecast_full_year_value of cost: at 2024-03 February's forecast, 1 200 (after both loads); at 2024-04
 *   1 200 after the first load, April's 1 420 after the second; result on April's: 0 − 1 420
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class ForecastVersionsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void forecastsMadeInDifferentMonthsStayBesideEachOther() throws Exception {
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("ledger/huvudbok-2024.csv", "period;cost_center;account;scenario;amount;prognosmånad\n"
                + "202403;U1;4010;UTFALL;100;\n202404;U1;4010;UTFALL;110;\n202403;U1;3010;UTFALL;-300;\n"
                + "202403;U1;4010;BUDGET;90;\n202403;U1;4020;UTFALL;5;202402\n");
        run.write("ledger/prognos-2024-02.csv", "period;cost_center;account;scenario;amount;prognosmånad\n"
                + "202401;U1;4010;PROGNOS;500;202402\n202412;U1;4010;PROGNOS;700;2024-02\n");

        LoadRecord first = run.load();

        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        FileOutcome forecast = first.files().stream().filter(f -> f.path().equals("ledger/prognos-2024-02.csv"))
                .findFirst().orElseThrow();
        assertThat(forecast.partitions()).containsExactly("FORECAST@202402:202401", "FORECAST@202402:202412");
        try (Connection catalogue = run.catalogue()) {
            assertThat(rows(catalogue, "SELECT reason FROM meta.quarantine WHERE source = 'ledger'")).singleElement()
                    .asString().startsWith("forecast_made 202402 on a ACTUAL row");
            assertThat(forecast(catalogue, "cost", 202404)).isEqualTo("110|1200");
        }

        run.write("ledger/prognos-2024-04.csv", "period;cost_center;account;scenario;amount;forecast_made\n"
                + "202401;U1;4010;FORECAST;520;202404\n202412;U1;4010;FORECAST;900;202404\n");
        LoadRecord second = run.load();

        assertThat(second.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        try (Connection catalogue = run.catalogue()) {
            assertThat(rows(catalogue, "SELECT forecast_made, SUM(amount) FROM fact.ledger_forecasts"
                    + " GROUP BY forecast_made ORDER BY forecast_made")).containsExactly("202402|1200", "202404|1420");
            assertThat(rows(catalogue, "SELECT forecast_made, SUM(amount) FROM fact.ledger WHERE scenario = 'FORECAST'"
                    + " GROUP BY forecast_made")).containsExactly("202404|1420");
            assertThat(forecast(catalogue, "cost", 202403)).isEqualTo("100|1200");
            assertThat(forecast(catalogue, "cost", 202404)).isEqualTo("110|1420");
            assertThat(forecast(catalogue, "result", 202404)).isEqualTo("-110|-1420");
            assertThat(rows(catalogue, "SELECT round(budget_value, 2) FROM kpi.kpi_values WHERE kpi_id = 'cost'"
                    + " AND period = 202403 AND time_window = 'month' AND org_level = 'total'")).containsExactly("90");
            assertThat(rows(catalogue, "SELECT forecast_made, value FROM kpi.forecast_versions WHERE kpi_id = 'cost'"
                    + " AND year = 2024 AND org_level = 'total' ORDER BY forecast_made"))
                    .containsExactly("202402|1200", "202404|1420");
            assertThat(rows(catalogue, "SELECT forecast_made, value FROM kpi.forecast_versions WHERE kpi_id = 'result'"
                    + " AND year = 2024 AND org_level = 'unit' AND org_id = 'U1' ORDER BY forecast_made"))
                    .containsExactly("202402|-1200", "202404|-1420");
        }
    }

    /**
     * Every KPI with a forecast has its full-year value: the ledger's cost development against last year's
     * ACTUAL whole year, and production's helårsprognos. Worked out by hand:
     *
     * <pre>
     * ACTUAL 2023  U1 cost 1 000, revenue 400 (external) + 100 (regionersättning, internal allocation)
     * FORECAST made 202404 for 2024: cost 1 200, revenue 450 (external) + 100 (internal)
     *   gross_cost_development_pct (1 200 ÷ 1 000 − 1) × 100 = 20
     *   net_cost_development_pct   net cost = cost − external revenue: (750 ÷ 600 − 1) × 100 = 25
     * production FORECAST 2024 U1: DOCTOR_VISIT 100 (Jan) + 50 (Dec) = 150; OPERATION_INPATIENT 3 +
     *   OPERATION_CLINIC 2 → operations_total 5; ACTUAL 2024-04 DOCTOR_VISIT 10, OPERATION_INPATIENT 1
     * </pre>
     */
    @Test
    void costDevelopmentAndProductionHaveTheirFullYearForecast() throws Exception {
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("ledger/huvudbok.csv", "period;cost_center;account;scenario;amount;prognosmånad\n"
                + "202306;U1;4010;UTFALL;1000;\n202306;U1;3010;UTFALL;-400;\n202306;U1;3210;UTFALL;-100;\n"
                + "202404;U1;4010;UTFALL;110;\n");
        run.write("ledger/prognos-2024-04.csv", "period;cost_center;account;scenario;amount;prognosmånad\n"
                + "202412;U1;4010;PROGNOS;1200;202404\n202412;U1;3010;PROGNOS;-450;202404\n"
                + "202412;U1;3210;PROGNOS;-100;202404\n");
        run.write("production/vard.csv", "period;unit;contact_type;volume;scenario\n"
                + "202404;U1;DOCTOR_VISIT;10;ACTUAL\n202404;U1;OPERATION_INPATIENT;1;ACTUAL\n"
                + "202401;U1;DOCTOR_VISIT;100;FORECAST\n202412;U1;DOCTOR_VISIT;50;FORECAST\n"
                + "202406;U1;OPERATION_INPATIENT;3;FORECAST\n202406;U1;OPERATION_CLINIC;2;FORECAST\n");

        assertThat(run.load().outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);

        try (Connection catalogue = run.catalogue()) {
            assertThat(forecast(catalogue, "gross_cost_development_pct", 202404)).endsWith("|20");
            assertThat(forecast(catalogue, "net_cost_development_pct", 202404)).endsWith("|25");
            assertThat(forecast(catalogue, "production.DOCTOR_VISIT", 202404)).isEqualTo("10|150");
            assertThat(forecast(catalogue, "operations_total", 202404)).isEqualTo("1|5");
            assertThat(forecast(catalogue, "cost", 202404)).isEqualTo("110|1200");
        }
    }

    /** value | forecast_full_year_value of the month window at the total. */
    private static String forecast(Connection catalogue, String kpiId, int period) throws java.sql.SQLException {
        return String.join(" / ", rows(catalogue, "SELECT value, forecast_full_year_value FROM kpi.kpi_values"
                + " WHERE kpi_id = '" + kpiId + "' AND period = " + period + " AND time_window = 'month'"
                + " AND org_level = 'total'"));
    }
}
