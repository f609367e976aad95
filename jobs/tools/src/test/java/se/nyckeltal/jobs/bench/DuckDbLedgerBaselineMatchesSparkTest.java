package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.ledger.LedgerIngest;
import se.nyckeltal.etl.testing.Landing;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.SqlLiteral;

/**
 * The benchmark's ratio means something only if both paths do the same work: the real Spark path
 * (etl's LedgerIngest) and the DuckDB baseline run on the same deliveries — every fixture of
 * {@link BaselineFixtures}, with every export style and every way a line goes wrong — and must write
 * the same fact rows, quarantine the same lines for the same reasons and count every file alike.
 */
@ExtendWith(SharedSpark.class)
class DuckDbLedgerBaselineMatchesSparkTest {
    /** Every line may fail: the awkward fixture is mostly bad lines, and they must all be compared. */
    private static final IngestSettings ALLOW_ALL = new IngestSettings(BigDecimal.ONE);
    private static final String LOAD_ID = "same-load";

    @TempDir
    Path tmp;

    @Test
    void bothPathsWriteTheSameFactsAndQuarantineTheSameLines(SparkSession spark) throws Exception {
        List<Path> files = BaselineFixtures.all(tmp.resolve("landing/ledger"));
        Path sparkOut = tmp.resolve("spark");
        Path baselineOut = tmp.resolve("baseline");

        IngestResult sparkResult = new LedgerIngest(spark, ALLOW_ALL)
                .ingest(landingFiles(files), new WarehouseLayout(sparkOut), LOAD_ID);
        BaselineResult baseline = new DuckDbLedgerBaseline(2, 1L << 30, ALLOW_ALL).run(files, baselineOut, LOAD_ID);

        assertThat(sparkResult.anyRejected()).isFalse();
        assertThat(baseline.published()).isTrue();
        String sparkFacts = parquet(sparkOut.resolve("facts/ledger"));
        String baselineFacts = parquet(baselineOut.resolve("facts/ledger"));
        assertThat(count(sparkFacts)).isEqualTo(baseline.factRows()).isGreaterThan(10);
        assertThat(except(sparkFacts, baselineFacts, "*")).isEmpty();
        assertThat(except(baselineFacts, sparkFacts, "*")).isEmpty();
        assertThat(parquetTypes(sparkFacts)).isEqualTo(parquetTypes(baselineFacts));

        String sparkQuarantine = parquet(sparkOut.resolve("meta/quarantine"));
        String baselineQuarantine = parquet(baselineOut.resolve("meta/quarantine"));
        String quarantineColumns = "load_id, source, source_file, line_number, reason, raw_line";
        assertThat(count(sparkQuarantine)).isEqualTo(baseline.rowsQuarantined()).isGreaterThan(15);
        assertThat(except(sparkQuarantine, baselineQuarantine, quarantineColumns)).isEmpty();
        assertThat(except(baselineQuarantine, sparkQuarantine, quarantineColumns)).isEmpty();

        List<FileOutcome> outcomes = sparkResult.outcomes();
        assertThat(baseline.files()).hasSameSizeAs(outcomes);
        for (int i = 0; i < outcomes.size(); i++) {
            FileOutcome spark1 = outcomes.get(i);
            BaselineResult.FileResult duck = baseline.files().get(i);
            assertThat(duck.sourceFile()).isEqualTo(spark1.path());
            assertThat(List.of(duck.encoding(), duck.delimiter(), duck.rowsRead(), duck.rowsQuarantined(),
                    duck.rowsUnparsedAmount(), duck.blankLines(), duck.reconciled()))
                    .as(spark1.path())
                    .isEqualTo(List.of(spark1.encoding(), spark1.delimiter(), spark1.rowsRead(), spark1.rowsQuarantined(),
                            spark1.rowsUnparsedAmount(), spark1.blankLines(), spark1.reconciled()));
            assertThat(List.of(duck.amountTotal(), duck.amountLoaded(), duck.amountQuarantined(), duck.amountSuperseded()))
                    .as(spark1.path())
                    .usingElementComparator(BigDecimal::compareTo)
                    .isEqualTo(List.of(spark1.amountTotal(), spark1.amountLoaded(), spark1.amountQuarantined(),
                            spark1.amountSuperseded()));
        }
    }

    private static List<LandingFile> landingFiles(List<Path> files) throws IOException {
        List<LandingFile> landing = new ArrayList<>();
        for (Path file : files) {
            landing.add(new LandingFile(file.toAbsolutePath(), "ledger/" + file.getFileName(),
                    Landing.sha256(Files.readAllBytes(file))));
        }
        return landing;
    }

    /** A DuckDB table expression over every Parquet data file below {@code dir} . */
    private static String parquet(Path dir) {
        return "read_parquet(" + SqlLiteral.of(dir + "/**/*.parquet") + ", hive_partitioning = false)";
    }

    private static long count(String table) throws SQLException {
        return rows("SELECT count(*) FROM " + table).get(0).get(0) instanceof Long n ? n : -1;
    }

    private static List<List<Object>> except(String left, String right, String columns) throws SQLException {
        return rows("SELECT " + columns + " FROM " + left + " EXCEPT ALL SELECT " + columns + " FROM " + right);
    }

    /**
     * Each column's name, physical type and decimal precision and scale as the Parquet files declare
     * them, and its type as a reader sees it. (DuckDB annotates an INT32 as INT_32, Spark leaves the
     * annotation out: both read as INTEGER.)
     */
    private static List<List<Object>> parquetTypes(String table) throws SQLException {
        String files = table.substring(0, table.indexOf(", hive_partitioning")).replace("read_parquet(", "");
        List<List<Object>> types = rows("SELECT DISTINCT name, type, precision, scale FROM parquet_schema(" + files + ")"
                + " WHERE num_children IS NULL ORDER BY name");
        types.addAll(rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + table + ")"));
        return types;
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
