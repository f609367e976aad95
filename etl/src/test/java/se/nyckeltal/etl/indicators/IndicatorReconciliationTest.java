package se.nyckeltal.etl.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractIngest;
import se.nyckeltal.etl.extract.FactGrain;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.contract.IndicatorContract;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * An indicator file reconciles on Σ numerator and on Σ denominator (SPEC §4: loaded + quarantined + superseded =
 * the file's total, for each), so a denominator lost between the delivery and the facts stops the load.
 */
@ExtendWith(SharedSpark.class)
class IndicatorReconciliationTest {
    private static final String LOAD = "load-indicators";
    private static final IngestSettings SETTINGS = new IngestSettings(new BigDecimal("0.5"));

    private final SparkSession spark;
    private Landing landing;
    private WarehouseLayout layout;

    IndicatorReconciliationTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void folders(@TempDir Path dir) {
        landing = new Landing(dir.resolve("landing"));
        layout = new WarehouseLayout(dir.resolve("warehouse"));
    }

    @Test
    void numeratorAndDenominatorEachReconcileWithQuarantinedAndSupersededRows() {
        // a.csv: 2024-01 U1 80/100, U2 30/50, a count (no denominator), a row with a negative numerator (quarantined,
        // its denominator 20 counted as quarantined); 2024-02 U1 70/100, replaced by b.csv later in the load.
        LandingFile a = landing.write("indicators/a.csv", "period;unit;indicator;numerator;denominator\n"
                + "202401;U1;PC_PHONE_SAME_DAY;80;100\n202401;U2;PC_PHONE_SAME_DAY;30;50\n"
                + "202401;U1;OUTLYING_PATIENTS_PER_100_BEDS;3;\n202401;U3;PC_PHONE_SAME_DAY;-1;20\n"
                + "202402;U1;PC_PHONE_SAME_DAY;70;100\n");
        LandingFile b = landing.write("indicators/b.csv", "period;unit;indicator;numerator;denominator\n"
                + "202402;U1;PC_PHONE_SAME_DAY;75;100\n");

        IngestResult result = new IndicatorIngest(spark, SETTINGS, ReferenceData.defaults()).ingest(List.of(a, b), layout,
                LOAD);

        FileOutcome first = result.outcomes().get(0);
        // Σ numerator 80 + 30 + 3 − 1 + 70 = 182 = loaded 113 + quarantined −1 + superseded 70;
        // Σ denominator 100 + 50 + 20 + 100 = 270 = loaded 150 + quarantined 20 + superseded 100.
        assertThat(first.reconciled()).isTrue();
        assertThat(first.amountTotal()).isEqualByComparingTo("182");
        assertThat(first.amountLoaded()).isEqualByComparingTo("113");
        assertThat(first.amountSuperseded()).isEqualByComparingTo("70");
        assertThat(result.outcomes().get(1).reconciled()).isTrue();
        assertThat(result.partitions()).isNotEmpty();
    }

    @Test
    void aDenominatorLostOnTheWayToTheFactsIsABugThatPublishesNothing() {
        LandingFile file = landing.write("indicators/a.csv", "period;unit;indicator;numerator;denominator\n"
                + "202401;U1;PC_PHONE_SAME_DAY;80;100\n202401;U2;PC_PHONE_SAME_DAY;30;50\n");
        Set<String> known = Set.of("PC_PHONE_SAME_DAY");
        // The same source with a faulty fact step that drops U2's denominator: the numerators still add up.
        ExtractIngest lossy = new ExtractIngest(spark, SETTINGS, SourceKind.INDICATORS, FactSchema.INDICATOR,
                IndicatorEntry.LINES, f -> CsvExtract.open(f, IndicatorContract.COLUMNS,
                        mapping -> new CsvIndicatorParser(mapping, known)),
                FactGrain.summed(List.of("unit", "indicator"), List.of("denominator"), summed -> summed.select(
                        col("source_file"), col("period"), col("scenario"), col("unit"), col("indicator"),
                        col("numerator"), when(col("unit").equalTo("U2"), lit(null)).otherwise(col("denominator"))
                                .as("denominator"))));

        IngestResult result = lossy.ingest(List.of(file), layout, LOAD);

        FileOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.reconciled()).isFalse();
        assertThat(outcome.message()).contains("indicators/a.csv does not reconcile: total denominator 150",
                "loaded 100", "bug in nyckeltal");
        assertThat(result.partitions()).isEmpty();
    }
}
