package se.nyckeltal.warehouse.catalogue;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FactPartition.PartitionKey;
import se.nyckeltal.schemas.warehouse.Snapshot;

/**
 * How much of the previous catalogue a build may copy instead of recomputing (build-order.txt's
 * {@code incremental} tables): the periods before the earliest changed period — or before the January of
 * the earliest changed period of a plan (BUDGET, FORECAST: what full-year columns look ahead at) when that
 * is earlier — when the previous catalogue was built by the same SQL from the same reference
 * data. Anything else — no previous catalogue, other SQL, changed reference data, a file that cannot
 * be attached — means a full build. Copying is only ever a shortcut: the rows are those a full build
 * computes.
 *
 * @param earliestChange the earliest period (YYYYMM) whose facts changed; 0 for a full build,
 *     {@link Integer#MAX_VALUE} when no fact changed
 * @param earliestPlanChange the earliest period of a changed partition of any scenario but ACTUAL;
 *     {@link Integer#MAX_VALUE} when none changed (and for a full build)
 * @param reason why the build is full or from where it recomputes, for the log and meta.catalogue_build
 */
record CatalogueReuse(String previousSnapshotId, int earliestChange, int earliestPlanChange, String reason) {
    /** The schema name the previous catalogue is attached under while a build reads it. */
    static final String PREVIOUS = "previous";
    /** A catalogue file with more than 1 / this of its blocks free is not copied (see {@link #reusableFile}). */
    static final int FREE_BLOCKS_DIVISOR = 4;
    /** ... unless they are this few bytes: a small catalogue's few free blocks are not worth a build from scratch. */
    static final long FREE_BYTES_ALLOWED = 8L << 20;

    CatalogueReuse {
        requireNonNull(reason, "reason");
    }

    /** The previous published catalogue: its file and the snapshot it was built from. */
    record Previous(Path file, Snapshot snapshot) {
        Previous {
            requireNonNull(file, "file");
            requireNonNull(snapshot, "snapshot");
        }
    }

    /** The scenario of delivered outcomes; every other scenario (budgets, forecasts) is a plan for a whole year. */
    static final String ACTUAL = "ACTUAL";

    static CatalogueReuse full(String reason) {
        return new CatalogueReuse(null, 0, Integer.MAX_VALUE, reason);
    }

    boolean incremental() {
        return previousSnapshotId != null;
    }

    /**
     * The first period a table built from {@code sql} computes: everything for a full build or a table
     * that is not incremental; else from the earliest change, or — for a table whose periods look ahead
     * at the plans of their year (build-order.txt) — from the January of the earliest changed plan
     * period when that comes first.
     */
    int recomputeFrom(BuildOrder.SqlFile sql) {
        if (!incremental() || !sql.incremental()) {
            return 0;
        }
        if (earliestPlanChange == Integer.MAX_VALUE || sql.byMonth()) {
            return earliestChange;
        }
        return Math.min(earliestChange, earliestPlanChange / 100 * 100 + 1);
    }

    /**
     * Attaches the previous catalogue read-only as {@value #PREVIOUS} when it can be reused; the dim
     * tables filled from reference data must already be in the new catalogue.
     *
     * @param fingerprint of the SQL the new catalogue is built with
     */
    static CatalogueReuse decide(Connection connection, Previous previous, Snapshot next, String fingerprint)
            throws SQLException {
        if (previous == null) {
            return full("no previous catalogue");
        }
        if (!Files.isRegularFile(previous.file())) {
            return full("previous catalogue " + previous.file().getFileName() + " is gone");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + previous.file().toAbsolutePath().toString().replace("'", "''") + "' AS "
                    + PREVIOUS + " (READ_ONLY)");
        } catch (SQLException e) {
            return full("cannot attach the previous catalogue: " + e.getMessage());
        }
        CatalogueReuse reuse = decideAttached(connection, previous, next, fingerprint);
        if (!reuse.incremental()) {
            detach(connection);
        }
        return reuse;
    }

    static void detach(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DETACH " + PREVIOUS);
        }
    }

    private static CatalogueReuse decideAttached(Connection connection, Previous previous, Snapshot next,
            String fingerprint) throws SQLException {
        String builtWith = previousFingerprint(connection);
        if (!fingerprint.equals(builtWith)) {
            return full(builtWith == null ? "the previous catalogue predates incremental builds"
                    : "the catalogue SQL changed since the previous catalogue");
        }
        for (String table : referenceTables(connection)) {
            if (differs(connection, table)) {
                return full("reference data changed (dim." + table + ")");
            }
        }
        return afterChanges(previous.snapshot().snapshotId(), changedPartitions(previous.snapshot(), next));
    }

    /** The reuse of the previous catalogue {@code previousSnapshotId} when exactly {@code changed} partitions changed. */
    static CatalogueReuse afterChanges(String previousSnapshotId, List<PartitionKey> changed) {
        requireNonNull(previousSnapshotId, "previousSnapshotId");
        if (changed.isEmpty()) {
            return new CatalogueReuse(previousSnapshotId, Integer.MAX_VALUE, Integer.MAX_VALUE,
                    "no fact changed since " + previousSnapshotId);
        }
        int earliest = changed.stream().mapToInt(PartitionKey::period).min().orElseThrow();
        int earliestPlan = changed.stream().filter(key -> !key.scenario().equals(ACTUAL))
                .mapToInt(PartitionKey::period).min().orElse(Integer.MAX_VALUE);
        return new CatalogueReuse(previousSnapshotId, earliest, earliestPlan, "facts changed from " + earliest
                + (earliestPlan == Integer.MAX_VALUE ? " (no plan changed)" : ", plans from " + earliestPlan)
                + "; earlier periods copied from " + previousSnapshotId);
    }

    /** The partitions that are new, gone, or have other files in {@code next}, in any fact table. */
    static List<PartitionKey> changedPartitions(Snapshot previous, Snapshot next) {
        Map<PartitionKey, Set<String>> before = new HashMap<>();
        previous.partitions().forEach(p -> before.put(p.key(), new HashSet<>(p.files())));
        Set<PartitionKey> seen = new HashSet<>();
        List<PartitionKey> changed = new ArrayList<>();
        for (FactPartition partition : next.partitions()) {
            seen.add(partition.key());
            if (!new HashSet<>(partition.files()).equals(before.get(partition.key()))) {
                changed.add(partition.key());
            }
        }
        for (PartitionKey key : before.keySet()) {
            if (!seen.contains(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    /**
     * Whether a build may start from a copy of the catalogue {@code file}: built with {@code fingerprint}, complete
     * on its own (no write-ahead log beside it), and at most a quarter of its blocks free (or at most 8 MiB of them:
     * a small catalogue, such as a test's, has a few blocks in all). Each build in a copy frees
     * the blocks of what it drops and leaves its deleted rows behind; after a build in an empty file (which copies
     * rows, not blocks) the file is compact again. False when it cannot be read.
     */
    static boolean reusableFile(Path file, String fingerprint) {
        if (!Files.isRegularFile(file) || Files.exists(file.resolveSibling(file.getFileName() + ".wal"))) {
            return false;
        }
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + file.toAbsolutePath().toString().replace("'", "''") + "' AS " + PREVIOUS
                    + " (READ_ONLY)");
            if (!fingerprint.equals(previousFingerprint(connection))) {
                return false;
            }
            try (ResultSet size = statement.executeQuery("SELECT free_blocks * " + FREE_BLOCKS_DIVISOR
                    + " <= total_blocks OR free_blocks * block_size <= " + FREE_BYTES_ALLOWED
                    + " FROM pragma_database_size() WHERE database_name = '" + PREVIOUS + "'")) {
                return size.next() && size.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static String previousFingerprint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT fingerprint FROM " + PREVIOUS + ".meta.catalogue_build")) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            return null; // built before meta.catalogue_build existed
        }
    }

    /**
     * The dim tables that exist before the derived stage: those Java fills from reference data. dim.kpi is
     * not compared: its KPIs come from the definitions (in the fingerprint), and a family's members join it only
     * later in the build.
     */
    private static List<String> referenceTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM duckdb_tables()"
                        + " WHERE database_name = current_database() AND schema_name = 'dim' AND table_name <> 'kpi'"
                        + " ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static boolean differs(Connection connection, String table) {
        String mine = "dim." + table;
        String theirs = PREVIOUS + ".dim." + table;
        String sql = "SELECT EXISTS (SELECT * FROM " + mine + " EXCEPT ALL SELECT * FROM " + theirs + ")"
                + " OR EXISTS (SELECT * FROM " + theirs + " EXCEPT ALL SELECT * FROM " + mine + ")";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getBoolean(1);
        } catch (SQLException e) {
            return true; // a missing table or other columns: not the same reference data
        }
    }
}
