package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.nyckeltal.jobs.load.LandingRun.kpi;
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
 * Indicator measurements from landing CSVs through LoadJob to fact.indicator, worked out by hand.
 *
 * <pre>
 * org: U1, U2 in area A; U3 in area B. indicators.csv: the shipped default
 *   PC_PHONE_SAME_DAY (sum, scale 100, up, target 2024 = 100), SPECIALIST_VISIT_90D (last, scale 100, up)
 * PC_PHONE_SAME_DAY   2023-01  U1 80/100  U2 30/50      2024-01  U1 90/100  U2 40/50
 *                     2023-02  U1 85/100  U2 35/50      2024-02  U1 70/100  U2 45/50
 * SPECIALIST_VISIT_90D 2024-01 U1 50/100  U3 10/20      2024-02  U1 60/100  (U3 nothing in February)
 * one row with an indicator missing from indicators.csv: quarantined
 *
 * PC_PHONE_SAME_DAY, area A (U1 + U2), pooled: Σ numerator ÷ Σ denominator × 100
 *   month 2024-02  (70 + 45) ÷ 150 = 76.6667   previous year (85 + 35) ÷ 150 = 80       → negative
 *   ytd   2024-02  245 ÷ 300       = 81.6667   previous year 230 ÷ 300       = 76.6667  → positive
 *   (the mean of the units' ytd ratios, (80 + 85) ÷ 2 = 82.5, would be wrong)
 *   unit U1 ytd    160 ÷ 200       = 80        previous year 165 ÷ 200       = 82.5     → negative
 * SPECIALIST_VISIT_90D (ytd = last): ytd 2024-02 at the total = February only, 60 ÷ 100 = 60;
 *   at U3 (nothing in February) January, 10 ÷ 20 = 50; month 2024-01 total (50 + 10) ÷ 120 = 50
 * restated February (second load): U1 75/100, U2 45/50 → month 2024-02 area A 120 ÷ 150 = 80 (neutral)
 * a file with mostly broken rows (third load): rejected, kpi_values as after the second load
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class IndicatorsEndToEndTest {
    @TempDir
    Path tmp;

    private static final String HEADER = "Månad;Enhet;Indikator;Täljare;Nämnare\n";

    @Test
    void indicatorsLoadAsAdditivePartsAndUnknownIndicatorsAreQuarantined() throws Exception {
        LandingRun run = new LandingRun(tmp).orgUnits();
        run.write("indicators/indikatorer-2023.csv", HEADER
                + "202301;U1;PC_PHONE_SAME_DAY;80;100\n202301;U2;PC_PHONE_SAME_DAY;30;50\n"
                + "202302;U1;PC_PHONE_SAME_DAY;85;100\n202302;U2;PC_PHONE_SAME_DAY;35;50\n");
        run.write("indicators/indikatorer-2024.csv", HEADER
                + "2024-01;U1;PC_PHONE_SAME_DAY;90;100\n2024-01;U2;pc_phone_same_day;40;50\n"
                + "2024-02;U1;PC_PHONE_SAME_DAY;70;100\n2024-02;U2;PC_PHONE_SAME_DAY;45;50\n"
                + "2024-01;U1;SPECIALIST_VISIT_90D;50;100\n2024-01;U3;SPECIALIST_VISIT_90D;10;20\n"
                + "2024-02;U1;SPECIALIST_VISIT_90D;60;100\n"
                + "2024-02;U1;NEW_THING;3;4\n");

        LoadRecord first = run.load();

        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        FileOutcome delivered = outcome(first, "indicators/indikatorer-2024.csv");
        assertThat(delivered.rowsLoaded()).isEqualTo(7);
        assertThat(delivered.rowsQuarantined()).isEqualTo(1);
        assertThat(delivered.reconciled()).isTrue();
        // Σ numerator 90 + 40 + 70 + 45 + 50 + 10 + 60 + 3 = 368, of which 3 quarantined
        assertThat(delivered.amountTotal()).isEqualByComparingTo("368");
        assertThat(delivered.amountQuarantined()).isEqualByComparingTo("3");
        try (Connection catalogue = run.catalogue()) {
            assertThat(rows(catalogue, "SELECT reason FROM meta.quarantine WHERE source = 'indicators'"))
                    .singleElement().asString()
                    .contains("indicator 'NEW_THING' is not in indicators.csv", "reference/indicators.csv");
            assertThat(rows(catalogue, "SELECT unit, indicator, numerator, denominator FROM fact.indicator"
                    + " WHERE period = 202401 ORDER BY indicator, unit")).containsExactly(
                    "U1|PC_PHONE_SAME_DAY|90|100", "U2|PC_PHONE_SAME_DAY|40|50",
                    "U1|SPECIALIST_VISIT_90D|50|100", "U3|SPECIALIST_VISIT_90D|10|20");
            // value | numerator | denominator | target | previous year | trend
            assertThat(kpi(catalogue, "indicator.PC_PHONE_SAME_DAY", 202402, "month", "area", "A"))
                    .isEqualTo("76.6667|115|150|100|80|negative");
            assertThat(kpi(catalogue, "indicator.PC_PHONE_SAME_DAY", 202402, "ytd", "area", "A"))
                    .isEqualTo("81.6667|245|300|100|76.6667|positive");
            assertThat(kpi(catalogue, "indicator.PC_PHONE_SAME_DAY", 202402, "ytd", "total", "TOTAL"))
                    .isEqualTo("81.6667|245|300|100|76.6667|positive");
            assertThat(kpi(catalogue, "indicator.PC_PHONE_SAME_DAY", 202402, "ytd", "unit", "U1"))
                    .isEqualTo("80|160|200|100|82.5|negative");
            assertThat(kpi(catalogue, "indicator.SPECIALIST_VISIT_90D", 202402, "ytd", "total", "TOTAL"))
                    .isEqualTo("60|60|100|95|null|neutral");
            assertThat(kpi(catalogue, "indicator.SPECIALIST_VISIT_90D", 202402, "ytd", "unit", "U3"))
                    .isEqualTo("50|10|20|95|null|neutral");
            assertThat(kpi(catalogue, "indicator.SPECIALIST_VISIT_90D", 202401, "month", "total", "TOTAL"))
                    .isEqualTo("50|60|120|95|null|neutral");
            assertThat(rows(catalogue, "SELECT name_sv, unit, good_direction FROM dim.kpi"
                    + " WHERE kpi_id = 'indicator.PC_PHONE_SAME_DAY'")).containsExactly("Primärvård telefon|%|up");
            assertThat(rows(catalogue, "SELECT group_name, measure FROM dim.indicator_group"
                    + " WHERE kpi_id = 'indicator.PC_PHONE_SAME_DAY'"))
                    .containsExactly("Förvaltningens verksamhet ska bedrivas med god tillgänglighet|value");
        }

        // A restated February replaces the whole month.
        run.write("indicators/indikatorer-2024-02-rattad.csv", HEADER + "202402;U1;PC_PHONE_SAME_DAY;75;100\n"
                + "202402;U2;PC_PHONE_SAME_DAY;45;50\n202402;U1;SPECIALIST_VISIT_90D;60;100\n");
        assertThat(run.load().outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        try (Connection catalogue = run.catalogue()) {
            assertThat(kpi(catalogue, "indicator.PC_PHONE_SAME_DAY", 202402, "month", "area", "A"))
                    .isEqualTo("80|120|150|100|80|neutral");
        }

        // A file whose rows are mostly broken is rejected whole; what was published stays.
        run.write("indicators/indikatorer-2024-03.csv", HEADER + "202403;U1;PC_PHONE_SAME_DAY;-1;100\n"
                + "202403;U2;PC_PHONE_SAME_DAY;50;0\n202403;U1;PC_PHONE_SAME_DAY;x;100\n"
                + "202403;U2;SPECIALIST_VISIT_90D;1;2\n");
        assertThatThrownBy(run::load).isInstanceOf(LoadFailedException.class).hasMessageContaining("indikatorer-2024-03.csv");
        try (Connection catalogue = run.catalogue()) {
            assertThat(kpi(catalogue, "indicator.PC_PHONE_SAME_DAY", 202402, "month", "area", "A"))
                    .isEqualTo("80|120|150|100|80|neutral");
            assertThat(rows(catalogue, "SELECT count(*) FROM kpi.kpi_values WHERE period = 202403")).containsExactly("0");
        }
    }

    private static FileOutcome outcome(LoadRecord record, String path) {
        return record.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
