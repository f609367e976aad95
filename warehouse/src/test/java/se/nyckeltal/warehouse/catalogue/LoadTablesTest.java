package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * meta.loads and meta.load_files as {@link LoadTables} writes them (meta.load_files through DuckDB's appender): every
 * column in its place, NULLs kept, amounts exact, a load id recorded twice once, and many rows.
 */
class LoadTablesTest {
    private static final Instant STARTED = Instant.parse("2026-03-05T01:59:00Z");

    @Test
    void everyColumnOfEveryFileInItsPlace() throws Exception {
        FileOutcome loaded = new FileOutcome("ledger", "ledger/huvudbok-2026-02.csv", "abc123", FileOutcome.Status.LOADED,
                "windows-1252", ";", 12, 10, 1, 1, 2, new BigDecimal("1000.25"), new BigDecimal("-999.5"),
                new BigDecimal("0.75"), new BigDecimal("12345678901234.99"), true,
                List.of("ACTUAL:202601", "ACTUAL:202602"), "a message, with \"quotes\" and åäö");
        FileOutcome skipped = FileOutcome.skipped("hr", "hr/tid-2026-01.csv", null,
                FileOutcome.Status.SKIPPED_ALREADY_LOADED, null);
        // more decimals than the column's four: rounded half away from zero, as DuckDB casts a bound value
        FileOutcome fine = new FileOutcome("indicators", "indicators/ind-2026-01.csv", "ef56", FileOutcome.Status.LOADED,
                "UTF-8", ";", 1, 1, 0, 0, 0, new BigDecimal("1.23455"), new BigDecimal("-1.23455"),
                new BigDecimal("1.234549"), null, true, List.of(), null);
        try (Connection connection = catalogue()) {
            LoadTables.insert(connection, snapshot(), List.of(load("L1", loaded, skipped, fine)));

            assertThat(TestWarehouse.rows(connection, "SELECT * FROM meta.load_files")).containsExactly(
                    "L1|ledger|ledger/huvudbok-2026-02.csv|abc123|LOADED|windows-1252|;|12|10|1|1|2|1000.25|-999.5"
                            + "|0.75|12345678901234.99|true|ACTUAL:202601,ACTUAL:202602"
                            + "|a message, with \"quotes\" and åäö",
                    "L1|hr|hr/tid-2026-01.csv|null|SKIPPED_ALREADY_LOADED|null|null|0|0|0|0|0|0|0|0|0|true||null",
                    "L1|indicators|indicators/ind-2026-01.csv|ef56|LOADED|UTF-8|;|1|1|0|0|0|1.2346|-1.2346|1.2345|null"
                            + "|true||null");
            assertThat(TestWarehouse.rows(connection, "SELECT load_id, files, rows_loaded, amount_loaded FROM meta.loads"))
                    .containsExactly("L1|3|11|-1000.7346");
        }
    }

    @Test
    void aLoadRecordedTwiceCountsOnceAndManyFilesAllArrive() throws Exception {
        List<FileOutcome> files = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            files.add(FileOutcome.skipped("ledger", "ledger/huvudbok-" + i + ".csv", "sha" + i,
                    FileOutcome.Status.SKIPPED_ALREADY_LOADED, null));
        }
        try (Connection connection = catalogue()) {
            // the record of a load that was still running, then its final record with the same id: the later one
            LoadTables.insert(connection, snapshot(), List.of(load("L1", files.get(0)), load("L1", files.toArray(
                    FileOutcome[]::new)), load("L2", files.get(1))));

            assertThat(TestWarehouse.rows(connection, "SELECT load_id, count(*), count(DISTINCT path)"
                    + " FROM meta.load_files GROUP BY ALL ORDER BY ALL")).containsExactly("L1|5000|5000", "L2|1|1");
        }
    }

    private static LoadRecord load(String loadId, FileOutcome... files) {
        return new LoadRecord(loadId, STARTED, STARTED.plusSeconds(60), LoadRecord.Outcome.PUBLISHED, "S1", "/landing",
                files.length + " files", List.of(files));
    }

    private static Snapshot snapshot() {
        return new Snapshot("S1", STARTED, "L1", List.of(), List.of(), null);
    }

    /** An in-memory database with the catalogue's meta tables, made by their own SQL files. */
    private static Connection catalogue() throws SQLException, IOException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA meta");
            for (String table : List.of("snapshot", "loads", "load_files")) {
                statement.execute(sql("meta/" + table + ".sql"));
            }
        }
        return connection;
    }

    private static String sql(String path) throws IOException {
        try (InputStream in = LoadTables.class.getResourceAsStream("/se/nyckeltal/warehouse/sql/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
