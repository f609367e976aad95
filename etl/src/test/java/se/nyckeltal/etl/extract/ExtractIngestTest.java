package se.nyckeltal.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.FileOutcome.Status;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The shared extract end to end with a source that is not the ledger ({@link Visits}: volumes with
 * 4 decimals): physical line numbers, the reject threshold, reconciliation of the measure and
 * partition replacement work for any contract.
 */
@ExtendWith(SharedSpark.class)
class ExtractIngestTest {
    private static final String LOAD = "load-visits";

    private final SparkSession spark;
    private Landing landing;
    private WarehouseLayout layout;

    ExtractIngestTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeEach
    void folders(@TempDir Path dir) {
        landing = new Landing(dir.resolve("landing"));
        layout = new WarehouseLayout(dir.resolve("warehouse"));
    }

    @Test
    void quarantinedLinesKeepTheirPhysicalLineNumbersAndTheSourcesName() {
        LandingFile file = landing.write("production/besok.csv", "\r\n"
                + "Period;Enhet;Antal\r\n"
                + "202403;VC Åby;10,5\r\n"
                + ";;\r\n"
                + "202413;VC Åby;1\r\n"
                + "202403;VC Åby;2;extra\r\n"
                + "202403;VC Åby;0,25\r\n");
        // Line 1 blank, 2 header, 3 valid, 4 blank, 5 bad period, 6 a field too many, 7 valid.
        // Data rows 3, 5, 6, 7 = 4; 2 quarantined = 50 %, allowed here.

        IngestResult result = ingest(List.of(file), new BigDecimal("0.5"));

        List<Row> quarantine = quarantine();
        assertThat(quarantine).extracting(r -> r.getLong(r.fieldIndex("line_number"))).containsExactly(5L, 6L);
        assertThat(quarantine).extracting(r -> r.getString(r.fieldIndex("raw_line")))
                .containsExactly("202413;VC Åby;1", "202403;VC Åby;2;extra");
        assertThat(quarantine).allSatisfy(r -> {
            assertThat(r.getString(r.fieldIndex("source"))).isEqualTo("production");
            assertThat(r.getString(r.fieldIndex("source_file"))).isEqualTo("production/besok.csv");
        });
        FileOutcome outcome = only(result);
        assertThat(outcome.source()).isEqualTo("production");
        assertThat(outcome.status()).isEqualTo(Status.LOADED);
        assertThat(outcome.rowsRead()).isEqualTo(4);
        assertThat(outcome.blankLines()).isEqualTo(2);
        assertThat(outcome.rowsQuarantined()).isEqualTo(2);
        assertThat(outcome.message()).contains("2 of 4 rows loaded into ACTUAL:202403", "line 5:", "line 6:");
        // 10.5 + 0.25 on one grain row.
        assertThat(facts(result)).containsExactly("202403|ACTUAL|VC Åby|10.7500|production/besok.csv|" + LOAD);
    }

    @Test
    void measureReconcilesPerFileWithFourDecimals() {
        LandingFile file = landing.write("production/a.csv", """
                period;unit;volume
                202403;A;1,2345
                202403;B;0,0001
                202403;;7
                202403;A;0,00001
                202403;A;x
                """);
        // Loaded 1.2345 + 0.0001 = 1.2346; quarantined 7 (no unit) + 0.00001 (5 decimals) = 7.00001;
        // 'x' has no volume. Total 8.23461 = loaded + quarantined.

        FileOutcome outcome = only(ingest(List.of(file), new BigDecimal("0.6")));

        assertThat(outcome.rowsRead()).isEqualTo(5);
        assertThat(outcome.rowsLoaded()).isEqualTo(2);
        assertThat(outcome.rowsUnparsedAmount()).isEqualTo(1);
        assertThat(outcome.amountTotal()).isEqualByComparingTo("8.23461");
        assertThat(outcome.amountLoaded()).isEqualByComparingTo("1.2346");
        assertThat(outcome.amountQuarantined()).isEqualByComparingTo("7.00001");
        assertThat(outcome.reconciled()).isTrue();
    }

    @Test
    void volumesAreWrittenExactlyAsDecimal18Comma4() {
        LandingFile file = landing.write("production/a.csv", "period;unit;volume\n2024-03-31;A;1 234,5678\n");

        IngestResult result = ingest(List.of(file), new BigDecimal("0.01"));

        Dataset<Row> written = spark.read().parquet(layout.resolve(result.partitions().get(0).files().get(0)).toString());
        assertThat(written.columns()).containsExactlyElementsOf(Visits.FACT.columnNames());
        assertThat(written.schema().apply("volume").dataType()).isEqualTo(DataTypes.createDecimalType(18, 4));
        assertThat(facts(result)).containsExactly("202403|ACTUAL|A|1234.5678|production/a.csv|" + LOAD);
        assertThat(result.partitions()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("visits");
            assertThat(p.rows()).isEqualTo(1);
        });
    }

    @Test
    void moreBadRowsThanTheThresholdRejectTheFileAndPublishNothing() {
        LandingFile good = landing.write("production/a.csv", "period;unit;volume\n202402;A;1\n");
        LandingFile bad = landing.write("production/b.csv", "period;unit;volume\n202403;A;1\n202403;A;x\n202403;;2\n");
        // b: 2 of 3 rows bad = 66.67 % > 50 %.

        IngestResult result = ingest(List.of(good, bad), new BigDecimal("0.5"));

        assertThat(result.anyRejected()).isTrue();
        assertThat(result.partitions()).isEmpty();
        assertThat(result.outcomes().get(1).status()).isEqualTo(Status.REJECTED);
        assertThat(result.outcomes().get(1).message()).contains("production/b.csv rejected", "2 of 3 rows (66.67 %)",
                "more than the 50 % allowed", "line 3:", "line 4:");
        assertThat(result.outcomes().get(0).status()).isEqualTo(Status.LOADED);
        assertThat(result.outcomes().get(0).message()).contains("not published", "production/b.csv");
        assertThat(quarantine()).extracting(r -> r.getLong(r.fieldIndex("line_number"))).containsExactly(3L, 4L);
        assertThat(layout.factsDir()).doesNotExist();
    }

    @Test
    void unreadableFileIsRejectedWithWhatWasLearnt() {
        LandingFile file = landing.write("production/a.csv", "period;enhet\n202403;A\n");

        FileOutcome outcome = only(ingest(List.of(file), new BigDecimal("0.01")));

        assertThat(outcome.status()).isEqualTo(Status.REJECTED);
        assertThat(outcome.delimiter()).isEqualTo("semicolon");
        assertThat(outcome.message()).contains("production/a.csv rejected", "volume (or antal)");
    }

    @Test
    void laterFileReplacesASharedScenarioPeriodWhole() {
        LandingFile first = landing.write("production/1.csv", """
                period;unit;scenario;volume
                202402;A;ACTUAL;1
                202403;A;ACTUAL;2
                202403;B;ACTUAL;3
                """);
        LandingFile second = landing.write("production/2.csv", """
                period;unit;scenario;volume
                202403;A;ACTUAL;20
                202403;A;BUDGET;5
                """);
        // ACTUAL:202403 goes to the second file whole: unit B disappears from it. First file: loaded
        // 1, superseded 2 + 3 = 5. Second: loaded 25.

        IngestResult result = ingest(List.of(first, second), new BigDecimal("0.01"));

        assertThat(facts(result)).containsExactly(
                "202402|ACTUAL|A|1.0000|production/1.csv|" + LOAD,
                "202403|ACTUAL|A|20.0000|production/2.csv|" + LOAD,
                "202403|BUDGET|A|5.0000|production/2.csv|" + LOAD);
        FileOutcome one = result.outcomes().get(0);
        assertThat(one.amountLoaded()).isEqualByComparingTo("1");
        assertThat(one.amountSuperseded()).isEqualByComparingTo("5");
        assertThat(one.reconciled()).isTrue();
        assertThat(one.message()).contains("ACTUAL:202403 (2 rows, 5.0000) is replaced by production/2.csv");
        assertThat(result.outcomes().get(1).amountLoaded()).isEqualByComparingTo("25");
    }

    @Test
    void noFilesNoWork() {
        IngestResult result = Visits.ingest(spark, IngestSettings.defaults()).ingest(List.of(), layout, LOAD);

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.partitions()).isEmpty();
    }

    private IngestResult ingest(List<LandingFile> files, BigDecimal threshold) {
        IngestResult result = Visits.ingest(spark, new IngestSettings(threshold)).ingest(files, layout, LOAD);
        assertThat(result.outcomes()).hasSameSizeAs(files);
        return result;
    }

    private static FileOutcome only(IngestResult result) {
        assertThat(result.outcomes()).hasSize(1);
        return result.outcomes().get(0);
    }

    /** Every fact row as {@code period|scenario|unit|volume|source_file|load_id}, sorted. */
    private List<String> facts(IngestResult result) {
        String[] files = result.partitions().stream().flatMap(p -> p.files().stream())
                .map(f -> layout.resolve(f).toString()).toArray(String[]::new);
        List<String> facts = new ArrayList<>();
        for (Row row : spark.read().parquet(files).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                Object value = row.get(i);
                values.add(value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
            }
            facts.add(String.join("|", values));
        }
        facts.sort(null);
        return facts;
    }

    private List<Row> quarantine() {
        return spark.read().parquet(layout.quarantineDir(LOAD).toString())
                .orderBy("source_file", "line_number").collectAsList();
    }
}
