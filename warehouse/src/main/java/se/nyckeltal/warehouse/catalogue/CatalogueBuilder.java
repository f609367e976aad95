package se.nyckeltal.warehouse.catalogue;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.StageTimer;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.kpi.KpiDefinitions;

/**
 * Builds one snapshot's catalogue into a new DuckDB file: schemas dim, fact, kpi (the analysts'
 * products) and meta, and internal (what the products are built from), from the SQL files of
 * {@code sql/build-order.txt} and the KPI definitions of {@code sql/kpi/definitions/}. The file is complete
 * and checkpointed (no WAL beside it) when {@link #build} returns, so it can be renamed into place.
 */
final class CatalogueBuilder {
    /** The fact tables the catalogue reads; each gets a {@code ${<table>_parquet}} placeholder. */
    static final List<FactSchema> FACTS = List.of(
            FactSchema.LEDGER,
            FactSchema.PRODUCTION,
            FactSchema.HR_TIME,
            FactSchema.HR_EMPLOYEE_MONTH,
            FactSchema.INDICATOR,
            FactSchema.ACTION_PLAN,
            FactSchema.COMMENT,
            FactSchema.LISTINGS);

    private static final List<String> SCHEMAS = List.of("dim", "fact", "kpi", "meta", "internal");
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueBuilder.class);
    /**
     * Part of the catalogue's fingerprint besides the SQL: raise it when Java code changes what a
     * derived table computes (the placeholders, how reference tables are filled), so the next build is
     * a full one.
     */
    private static final int JAVA_SIDE_VERSION = 1;
    /** System property that sets DuckDB's memory limit while a catalogue is built, e.g. {@code 4GB}. */
    static final String MEMORY_LIMIT_PROPERTY = "nyckeltal.catalogue.memory_limit";
    private static final String DEFAULT_MEMORY_LIMIT = "3GB";
    /** Steps slower than this are named in the build's log line. */
    private static final long SLOW_STEP_MILLIS = 200;
    /** The placeholder of the period a month-by-month file computes (build-order.txt). */
    static final String PERIOD = "period";

    private final WarehouseLayout layout;
    private final Snapshot snapshot;
    private final ReferenceData reference;
    private final KpiDefinitions kpis;
    private final List<LoadRecord> loads;
    private final CatalogueReuse.Previous previous;

    CatalogueBuilder(WarehouseLayout layout, Snapshot snapshot, ReferenceData reference, KpiDefinitions kpis,
            List<LoadRecord> loads) {
        this(layout, snapshot, reference, kpis, loads, null);
    }

    /** @param previous the published catalogue before this one, whose periods may be copied; null for none */
    CatalogueBuilder(WarehouseLayout layout, Snapshot snapshot, ReferenceData reference, KpiDefinitions kpis,
            List<LoadRecord> loads, CatalogueReuse.Previous previous) {
        this.previous = previous;
        this.layout = requireNonNull(layout, "layout");
        this.snapshot = requireNonNull(snapshot, "snapshot");
        this.reference = requireNonNull(reference, "reference");
        this.kpis = requireNonNull(kpis, "kpis");
        this.loads = List.copyOf(loads);
    }

    void build(Path file) throws SQLException {
        BuildOrder order = BuildOrder.load();
        String fingerprint = order.fingerprint() + "-" + kpis.fingerprint() + "-" + JAVA_SIDE_VERSION + "-"
                + ReferenceData.DEFAULT_FTE_NORM_HOURS.toPlainString();
        StageTimer times = new StageTimer(); // per build step, so a slow publish says which view to look at
        if (previous != null && CatalogueReuse.reusableFile(previous.file(), fingerprint)) {
            copyFile(previous.file(), file);
            times.lap("copying the previous catalogue's file");
            if (build(file, order, fingerprint, true, times)) {
                return;
            }
            // the previous catalogue's rows cannot be reused after all (its reference data differ): start afresh
            deleteWithWal(file);
        }
        build(file, order, fingerprint, false, times);
    }

    /**
     * Builds the catalogue into {@code file}: an empty file, or ({@code fromPrevious}) a copy of the previous
     * catalogue's, whose incremental tables keep their earlier periods in place and everything else is dropped
     * first. Writing the earlier periods of the large incremental tables (kpi_values above all) into a new file
     * was most of what a nightly build spent on history; in the copy they are already there.
     *
     * @return false, having built nothing, when {@code fromPrevious} and the previous catalogue may not be
     *     reused after all (a full build is needed): the caller starts again in an empty file
     */
    private boolean build(Path file, BuildOrder order, String fingerprint, boolean fromPrevious, StageTimer times)
            throws SQLException {
        CatalogueReuse reuse;
        Map<String, String> placeholders = placeholders();
        times.lap("checking the fact files");
        RestrictedFacts.checkOnlyTablesRead(order, FACTS);
        RestrictedFacts.checkNoViewReadsTemp(order, placeholders.get(KpiTables.PLACEHOLDER));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, duckDbSettings(file))) {
            Catalogue.useWarehouseRoot(connection, layout);
            // Every step that reads a fact view binds its list of files again (hundreds at M): without the cache each
            // bind and scan reads every file's footer anew. The snapshot's files do not change while it is built.
            // (A setting of the parquet extension: it can only be set once the connection has loaded it.)
            execute(connection, "SET parquet_metadata_cache = true", "parquet metadata cache");
            Set<String> kept = fromPrevious ? keptTables(order) : Set.of();
            if (fromPrevious && !PreviousCatalogueFile.dropAllBut(connection, kept)) {
                LOG.info("not reusing the previous catalogue's file: it lacks a table the build keeps, or holds"
                        + " objects the build does not make");
                return false;
            }
            times.lap(fromPrevious ? "dropping what the copy of the previous catalogue rebuilds" : "opening");
            for (String schema : SCHEMAS) {
                execute(connection, "CREATE SCHEMA IF NOT EXISTS " + schema, "schema " + schema);
            }
            for (BuildOrder.SqlFile sql : order.tables()) {
                execute(connection, sql.render(placeholders), "sql/" + sql.path());
            }
            ReferenceTables.insert(connection, reference, kpis);
            LoadTables.insert(connection, snapshot, loads);
            DagRunTables.insert(connection, layout);
            times.lap("reference and meta tables");
            reuse = CatalogueReuse.decide(connection, previous, snapshot, fingerprint);
            if (fromPrevious && !reuse.incremental()) {
                LOG.info("not reusing the previous catalogue's file: {}", reuse.reason());
                return false;
            }
            times.lap("comparing with the previous catalogue");
            Path groups = layout.restrictedCatalogueDir(snapshot.snapshotId());
            String partial = null; // the partial table the next step reads (build-order.txt)
            List<BuildOrder.SqlFile> derived = order.derived();
            for (int i = 0; i < derived.size(); i++) {
                BuildOrder.SqlFile sql = derived.get(i);
                Path previousGroups = previousGroups(sql, reuse);
                boolean copy = copies(sql, reuse);
                // a partial table holds exactly the periods of the table after it, which alone reads it
                int from = sql.partial() ? firstComputed(derived.get(i + 1), reuse) : firstComputed(sql, reuse);
                placeholders.put("recompute_from", String.valueOf(from));
                if (sql.text().contains("${" + KpiTables.PLACEHOLDER + "}")) {
                    KpiTables.insertFamilyMembers(connection, kpis);
                }
                boolean keeps = kept.contains(sql.table());
                if (sql.monthByMonth()) {
                    buildMonthByMonth(connection, sql, placeholders, from, copy, keeps);
                } else {
                    if (keeps) {
                        PreviousCatalogueFile.setAside(connection, sql, copy);
                    }
                    execute(connection, sql.render(placeholders), "sql/" + sql.path());
                    if (keeps && copy) {
                        PreviousCatalogueFile.keepEarlierPeriods(connection, sql, from);
                    } else if (copy && previousGroups != null) {
                        KeptGroups.copyEarlierPeriods(connection, sql.table(), previousGroups, from);
                    } else if (copy) {
                        copyEarlierPeriods(connection, sql.table(), from);
                    }
                }
                if (sql.temp() && sql.incremental()) {
                    KeptGroups.keep(connection, sql.table(), groups.resolve(sql.bareName()), from,
                            copy ? previousGroups : null);
                }
                if (partial != null) {
                    // read by this step only (build-order.txt): its memory goes back before the next
                    execute(connection, "DROP TABLE " + partial, "drop " + partial);
                    partial = null;
                }
                if (sql.partial()) {
                    partial = sql.table();
                }
                times.lap(sql.path());
            }
            if (reuse.incremental()) {
                CatalogueReuse.detach(connection);
            }
            KpiTables.checkEveryKpiDescribed(connection, kpis);
            recordBuild(connection, fingerprint, reuse, fromPrevious);
            RestrictedFacts.checkNothingPointsInto(connection, layout);
            execute(connection, "CHECKPOINT", "checkpoint");
            times.lap("checkpoint");
        }
        LOG.info("built catalogue {} in {} ms ({}{}); slowest steps: {}", file.getFileName(), times.totalMillis(),
                reuse.reason(), fromPrevious ? ", in a copy of its file" : "", times.slowest(SLOW_STEP_MILLIS));
        Path wal = file.resolveSibling(file.getFileName() + ".wal");
        if (Files.exists(wal)) {
            throw new IllegalStateException("catalogue " + file + " still has a write-ahead log after closing");
        }
        return true;
    }

    /**
     * A month-by-month table (build-order.txt): its rows of the periods before {@code from} first (in place in a copy
     * of the previous catalogue's file; else copied from the previous catalogue; none in a build of every period), then
     * the file once per period from {@code from} on, in order, each run deciding its period from the rows before it.
     */
    private static void buildMonthByMonth(Connection connection, BuildOrder.SqlFile sql, Map<String, String> placeholders,
            int from, boolean copy, boolean keeps) throws SQLException {
        String table = sql.table();
        if (keeps && copy) {
            execute(connection, "DELETE FROM " + table + " WHERE period >= " + from, "sql/" + sql.path());
        } else if (keeps) {
            execute(connection, "DROP TABLE " + table, "sql/" + sql.path());
        } else if (copy) {
            execute(connection, "CREATE TABLE " + table + " AS SELECT * FROM " + CatalogueReuse.PREVIOUS + "." + table
                    + " WHERE period < " + from, "sql/" + sql.path());
        }
        List<String> periods = KpiTables.strings(connection, "SELECT DISTINCT period FROM " + sql.periods()
                + " WHERE period >= " + from + " ORDER BY period");
        // with no period to compute, one run creates the table (if it is not there) and adds nothing
        for (String period : periods.isEmpty() ? List.of("-1") : periods) {
            placeholders.put(PERIOD, period);
            execute(connection, sql.render(placeholders), "sql/" + sql.path() + " (period " + period + ")");
        }
        placeholders.remove(PERIOD);
    }

    /** The derived tables a build in a copy of the previous catalogue's file keeps: the incremental ones it publishes. */
    static Set<String> keptTables(BuildOrder order) {
        Set<String> kept = new HashSet<>();
        for (BuildOrder.SqlFile sql : order.derived()) {
            if (sql.incremental() && !sql.temp()) {
                kept.add(sql.table());
            }
        }
        return kept;
    }

    private static void copyFile(Path previousFile, Path file) {
        try {
            Files.copy(previousFile, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the previous catalogue " + previousFile + " to " + file, e);
        }
    }

    private static void deleteWithWal(Path file) {
        try {
            CataloguePublisher.deleteWithWal(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Where each fact and the quarantine are read from, as FROM items. */
    private Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        FactFileCheck.verify(layout, snapshot);
        for (FactSchema fact : FACTS) {
            List<String> files = new ArrayList<>();
            for (String relative : snapshot.files(fact.table())) {
                files.add(layout.relative(layout.resolve(relative)));
            }
            values.put(fact.table() + "_parquet", ParquetSource.of(fact, files));
        }
        values.put(KpiTables.PLACEHOLDER, kpis.componentsSql());
        values.put("default_fte_norm_hours", ReferenceData.DEFAULT_FTE_NORM_HOURS.toPlainString());
        Path quarantine = layout.quarantineDir();
        values.put("quarantine_parquet", hasQuarantineFiles(quarantine)
                ? ParquetSource.glob(layout.relative(quarantine) + "/load_id=*/*.parquet")
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

    /**
     * Puts the previous catalogue's rows of the periods before {@code from} in front of the rows the
     * SQL file just computed. Each part keeps the order the SQL file sorts by, so lookups still prune
     * row groups in both without sorting the history again.
     */
    private static void copyEarlierPeriods(Connection connection, String table, int from) throws SQLException {
        String recomputed = table + "__recomputed";
        String bareName = recomputed.substring(recomputed.indexOf('.') + 1);
        execute(connection, "ALTER TABLE " + table + " RENAME TO " + bareName, "reuse " + table);
        execute(connection, "CREATE TABLE " + table + " AS SELECT * FROM " + CatalogueReuse.PREVIOUS + "." + table
                + " WHERE period < " + from, "reuse " + table);
        execute(connection, "INSERT INTO " + table + " BY NAME SELECT * FROM " + recomputed, "reuse " + table);
        execute(connection, "DROP TABLE " + recomputed, "reuse " + table);
    }

    /** Where the previous build kept a build-only table's sums (restricted/), for an incremental build; else null. */
    private Path previousGroups(BuildOrder.SqlFile sql, CatalogueReuse reuse) {
        return reuse.incremental() && sql.temp()
                ? layout.restrictedCatalogueDir(reuse.previousSnapshotId()).resolve(sql.bareName())
                : null;
    }

    /**
     * Whether the table's earlier periods are copied: a build-only table from the previous build's sums under
     * restricted/, when they are there; any other from the previous catalogue.
     */
    private boolean copies(BuildOrder.SqlFile sql, CatalogueReuse reuse) {
        Path previousGroups = previousGroups(sql, reuse);
        return sql.incremental() && reuse.incremental() && (previousGroups == null || Files.isDirectory(previousGroups));
    }

    /** The first period the build computes of the table: 0 (every period) unless its earlier ones are copied. */
    private int firstComputed(BuildOrder.SqlFile sql, CatalogueReuse reuse) {
        return copies(sql, reuse) ? reuse.recomputeFrom(sql) : 0;
    }

    /**
     * DuckDB takes 80 % of the machine's memory by default; a nightly load shares the machine (and this
     * JVM) with Spark, so the build gets a fixed budget and spills beyond it into a folder beside the file.
     */
    private static java.util.Properties duckDbSettings(Path file) {
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("memory_limit", System.getProperty(MEMORY_LIMIT_PROPERTY, DEFAULT_MEMORY_LIMIT));
        settings.setProperty("temp_directory", file.resolveSibling(file.getFileName() + ".spill").toString());
        return settings;
    }

    /**
     * meta.catalogue_build: what the catalogue was built with, so the next build knows what it may copy, and whether
     * it was built in a copy of the previous catalogue's file ({@code copied_file}).
     */
    private static void recordBuild(Connection connection, String fingerprint, CatalogueReuse reuse,
            boolean copiedFile) throws SQLException {
        execute(connection, "CREATE TABLE meta.catalogue_build (fingerprint VARCHAR NOT NULL, previous_snapshot_id"
                + " VARCHAR, earliest_change INTEGER, reason VARCHAR NOT NULL, copied_file BOOLEAN NOT NULL)",
                "meta.catalogue_build");
        try (var insert = connection.prepareStatement("INSERT INTO meta.catalogue_build VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, fingerprint);
            insert.setString(2, reuse.previousSnapshotId());
            if (reuse.incremental()) {
                insert.setInt(3, reuse.earliestChange());
            } else {
                insert.setNull(3, java.sql.Types.INTEGER);
            }
            insert.setString(4, reuse.reason());
            insert.setBoolean(5, copiedFile);
            insert.executeUpdate();
        }
    }

    /** A fresh statement per query: DuckDB JDBC closes a statement after a failed one. */
    static void execute(Connection connection, String sql, String what) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(what + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
