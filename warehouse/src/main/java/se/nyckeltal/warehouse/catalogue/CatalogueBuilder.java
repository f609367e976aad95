package se.nyckeltal.warehouse.catalogue;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.kpi.KpiCatalogue;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Builds one snapshot's catalogue into a new DuckDB file: schemas dim, fact, kpi and meta, from the
 * SQL files of {@code sql/build-order.txt}. The file is complete and checkpointed (no WAL beside it)
 * when {@link #build} returns, so it can be renamed into place.
 */
final class CatalogueBuilder {
    /** The fact tables the catalogue reads; each gets a {@code ${<table>_parquet}} placeholder. */
    static final List<FactSchema> FACTS = List.of(
            FactSchema.LEDGER,
            FactSchema.PRODUCTION,
            FactSchema.HR_TIME,
            FactSchema.HR_EMPLOYEE_MONTH);

    private static final List<String> SCHEMAS = List.of("dim", "fact", "kpi", "meta");

    private final WarehouseLayout layout;
    private final Snapshot snapshot;
    private final ReferenceData reference;
    private final KpiCatalogue kpis;
    private final List<LoadRecord> loads;

    CatalogueBuilder(WarehouseLayout layout, Snapshot snapshot, ReferenceData reference, KpiCatalogue kpis,
            List<LoadRecord> loads) {
        this.layout = requireNonNull(layout, "layout");
        this.snapshot = requireNonNull(snapshot, "snapshot");
        this.reference = requireNonNull(reference, "reference");
        this.kpis = requireNonNull(kpis, "kpis");
        this.loads = List.copyOf(loads);
    }

    void build(Path file) throws SQLException {
        Map<String, String> placeholders = placeholders();
        BuildOrder order = BuildOrder.load();
        RestrictedFacts.checkOnlyTablesRead(order, FACTS);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            for (String schema : SCHEMAS) {
                execute(connection, "CREATE SCHEMA " + schema, "schema " + schema);
            }
            for (BuildOrder.SqlFile sql : order.tables()) {
                execute(connection, sql.render(placeholders), "sql/" + sql.path());
            }
            ReferenceTables.insert(connection, reference, kpis);
            LoadTables.insert(connection, snapshot, loads);
            DagRunTables.insert(connection, layout);
            for (BuildOrder.SqlFile sql : order.derived()) {
                execute(connection, sql.render(placeholders), "sql/" + sql.path());
            }
            RestrictedFacts.checkNothingPointsInto(connection, layout.restrictedDir());
            execute(connection, "CHECKPOINT", "checkpoint");
        }
        Path wal = file.resolveSibling(file.getFileName() + ".wal");
        if (Files.exists(wal)) {
            throw new IllegalStateException("catalogue " + file + " still has a write-ahead log after closing");
        }
    }

    /** Where each fact and the quarantine are read from, as FROM items. */
    private Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        for (FactSchema fact : FACTS) {
            List<Path> files = new ArrayList<>();
            for (String relative : snapshot.files(fact.table())) {
                Path path = layout.resolve(relative);
                if (!Files.isRegularFile(path)) {
                    throw new IllegalStateException("snapshot " + snapshot.snapshotId() + " lists " + relative
                            + " but " + path + " does not exist; the warehouse is incomplete");
                }
                files.add(path);
            }
            values.put(fact.table() + "_parquet", ParquetSource.of(fact, files));
        }
        values.put("default_fte_norm_hours", ReferenceData.DEFAULT_FTE_NORM_HOURS.toPlainString());
        Path quarantine = layout.quarantineDir();
        values.put("quarantine_parquet", hasQuarantineFiles(quarantine)
                ? ParquetSource.glob(quarantine.toAbsolutePath().normalize() + "/load_id=*/*.parquet")
                : ParquetSource.empty(FactSchema.QUARANTINE));
        return values;
    }

    private static boolean hasQuarantineFiles(Path quarantineDir) {
        if (!Files.isDirectory(quarantineDir)) {
            return false;
        }
        try (DirectoryStream<Path> loads = Files.newDirectoryStream(quarantineDir, "load_id=*")) {
            for (Path load : loads) {
                if (Files.isDirectory(load)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(load, "*.parquet")) {
                        if (files.iterator().hasNext()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + quarantineDir, e);
        }
    }

    /** A fresh statement per query: DuckDB JDBC closes a statement after a failed one. */
    private static void execute(Connection connection, String sql, String what) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(what + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
