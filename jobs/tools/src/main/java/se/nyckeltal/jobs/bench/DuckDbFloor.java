package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.text.EncodingDetector;
import se.nyckeltal.schemas.text.TextEncoding;

/**
 * The least any ingest of HR or production extracts has to do, done by DuckDB: read the CSV files
 * (all columns as text, columns by position), turn the measure into a number and sum the rows to the
 * fact grain of each file, written as Parquet by period. No validation, no quarantine, no line
 * numbers, no reconciliation: a floor to hold the Spark ingest's time against (issue 19), not a path
 * that could load a warehouse.
 *
 * <p>Both extracts have the same columns in the same order in every export, whatever the header calls
 * them: HR date, employee, cost centre, staff category, profession, gender, birth year, hour type,
 * hours; production date (or month), unit, provider, contact type, volume, scenario, counterpart.
 */
final class DuckDbFloor {
    /** An extract the floor knows: how its columns sum to the fact grain. */
    enum Extract {
        HR(9, "column0, column1, column2, column3, column4, column5, column6, column7", "column8"),
        PRODUCTION(7, "column1, column2, column3, column5, column6", "column4");

        private final int columns;
        private final String grain;
        private final String measure;

        Extract(int columns, String grain, String measure) {
            this.columns = columns;
            this.grain = grain;
            this.measure = measure;
        }

        /** Names by position, whatever the header says. */
        String names() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                names.add("'column" + i + "'");
            }
            return "[" + String.join(", ", names) + "]";
        }
    }

    /** What the floor did: rows read, fact rows written, wall time. */
    record FloorResult(String extract, int files, long rowsRead, long factRows, long wallMillis) {}

    private DuckDbFloor() {}

    /**
     * @param files the extract's CSV files, as the full load read them
     * @param output a scratch folder, emptied first
     */
    static FloorResult run(Extract extract, List<Path> files, Path output) {
        requireNonNull(extract, "extract");
        if (files.isEmpty()) {
            return new FloorResult(extract.name().toLowerCase(Locale.ROOT), 0, 0, 0, 0);
        }
        FileTree.delete(output);
        long start = System.nanoTime();
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String encoding = encoding(file) == TextEncoding.WINDOWS_1252 ? "latin-1" : "utf-8";
            // The period from the first column: 2024-03-05, 2024-03 and 202403 all start with YYYY(-)MM.
            reads.add("SELECT " + i + " AS file, CAST(left(replace(column0, '-', ''), 6) AS INTEGER) AS period, "
                    + extract.grain + ", CAST(replace(replace(regexp_replace(" + extract.measure
                    + ", '[\\s\\x{00A0}\\x{202F}]', '', 'g'), ',', '.'), '−', '-') AS DECIMAL(18,4)) AS measure FROM read_csv(" + literal(file)
                    + ", header = true, all_varchar = true, names = " + extract.names() + ", encoding = '" + encoding + "')");
        }
        String sql = "COPY (SELECT file, period, " + extract.grain + ", sum(measure) AS measure FROM ("
                + String.join(" UNION ALL ", reads) + ") GROUP BY ALL) TO " + literal(output)
                + " (FORMAT parquet, PARTITION_BY (period))";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            statement.execute("SET memory_limit = '" + (Runtime.getRuntime().maxMemory() >> 20) + "MB'");
            statement.execute("SET preserve_insertion_order = false");
            // COPY answers with the count of rows written, as an update count (no result set).
            long factRows = statement.executeLargeUpdate(sql);
            long wall = (System.nanoTime() - start) / 1_000_000;
            long rowsRead;
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM (" + String.join(" UNION ALL ", reads)
                    + ")")) {
                rows.next();
                rowsRead = rows.getLong(1);
            }
            return new FloorResult(extract.name().toLowerCase(Locale.ROOT), files.size(), rowsRead, factRows, wall);
        } catch (SQLException e) {
            throw new IllegalStateException("the DuckDB floor for " + extract + " failed: " + e.getMessage(), e);
        }
    }

    private static TextEncoding encoding(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] sample = in.readNBytes(EncodingDetector.SAMPLE_BYTES);
            return EncodingDetector.detect(sample, sample.length, in.read() >= 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
