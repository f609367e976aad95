package se.nyckeltal.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.SqlLiteral;

/**
 * A warehouse folder for tests. Ledger rows are written as Parquet partitions by DuckDB itself, one
 * file per (scenario, period) like etl writes them, and listed in a Snapshot.
 */
public final class TestWarehouse {
    private final Path root;
    private final WarehouseLayout layout;
    private final Map<String, List<String>> pendingByPartition = new TreeMap<>();

    public TestWarehouse(Path root) {
        this.root = root;
        this.layout = new WarehouseLayout(root.resolve("warehouse"));
    }

    public WarehouseLayout layout() {
        return layout;
    }

    /** One ledger row (amount with the ledger's sign: costs +, revenues −). */
    public TestWarehouse ledger(int period, String scenario, String costCenter, String account, String amount) {
        String values = "(" + period + ", " + SqlLiteral.of(scenario) + ", " + SqlLiteral.of(costCenter) + ", "
                + SqlLiteral.of(account) + ", " + amount + ")";
        pendingByPartition.computeIfAbsent(scenario + ":" + period, k -> new ArrayList<>()).add(values);
        return this;
    }

    /** Writes the rows added since the last call, one Parquet file per (scenario, period). */
    public List<FactPartition> writeLedger(String loadId) {
        List<FactPartition> partitions = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Map.Entry<String, List<String>> partition : pendingByPartition.entrySet()) {
                String scenario = partition.getKey().split(":")[0];
                int period = Integer.parseInt(partition.getKey().split(":")[1]);
                Path file = layout.factPartitionDir("ledger", period).resolve(scenario + "-" + loadId + "-00000.parquet");
                Files.createDirectories(file.getParent());
                String sourceFile = "ledger/huvudbok-" + loadId + ".csv";
                execute(duckdb, "COPY (SELECT CAST(period AS INTEGER) AS period, scenario, cost_center, account,"
                        + " CAST(NULL AS VARCHAR) AS activity, CAST(NULL AS VARCHAR) AS counterpart,"
                        + " CAST(amount AS DECIMAL(18,2)) AS amount, " + SqlLiteral.of(sourceFile) + " AS source_file, "
                        + SqlLiteral.of(loadId) + " AS load_id FROM (VALUES " + String.join(", ", partition.getValue())
                        + ") AS v(period, scenario, cost_center, account, amount)) TO " + SqlLiteral.of(file.toString())
                        + " (FORMAT parquet)");
                partitions.add(new FactPartition("ledger", scenario, period, List.of(layout.relative(file)), sourceFile,
                        loadId, partition.getValue().size()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pendingByPartition.clear();
        return partitions;
    }

    /**
     * One quarantined line, written as etl would: meta/quarantine/load_id=L/part-00000.parquet; the source is the
     * file's landing folder ({@code hr/tid.csv} → hr).
     */
    public void quarantine(String loadId, String sourceFile, long lineNumber, String reason, String rawLine) {
        Path file = layout.quarantineDir(loadId).resolve("part-" + lineNumber + ".parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            Files.createDirectories(file.getParent());
            String source = sourceFile.substring(0, sourceFile.indexOf('/'));
            execute(duckdb, "COPY (SELECT " + SqlLiteral.of(loadId) + " AS load_id, " + SqlLiteral.of(source) + " AS source, "
                    + SqlLiteral.of(sourceFile) + " AS source_file, CAST(" + lineNumber + " AS BIGINT) AS line_number, "
                    + SqlLiteral.of(reason) + " AS reason, " + SqlLiteral.of(rawLine) + " AS raw_line) TO "
                    + SqlLiteral.of(file.toString()) + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Snapshot snapshot(String snapshotId, String loadId, List<FactPartition> partitions) {
        return new Snapshot(snapshotId, Instant.parse("2026-03-05T02:00:00Z"), loadId, partitions, List.of(), null);
    }

    /** Reference data: the given files (name → CSV text) over the shipped defaults. */
    public ReferenceData reference(Map<String, String> files) {
        Path dir = root.resolve("reference");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ReferenceData.load(dir);
    }

    /** All rows of a query, each row's values joined by '|', NULL as "null". */
    public static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    values.add(value instanceof BigDecimal d ? plain(d) : String.valueOf(value));
                }
                rows.add(values.stream().collect(Collectors.joining("|")));
            }
        }
        return rows;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
