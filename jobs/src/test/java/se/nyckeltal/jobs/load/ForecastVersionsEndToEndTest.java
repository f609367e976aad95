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
        }
    }
}
