package se.nyckeltal.warehouse.gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.SqlLiteral;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.gateway.sql.PgCatalog;

/**
 * One published snapshot's catalogue, opened once for the gateway and locked down (SPEC §9):
 * read-only, no file access outside the warehouse's facts folder (symlinks are resolved before that
 * check), no extension installs or loads, and the configuration locked so no statement can undo it.
 * DuckDB spills to the configured temp folder, never beside the catalogue. Sessions take
 * connections through leases; the database closes when it has been retired and the last lease is
 * released, so queries running on an older snapshot finish there.
 */
public final class SnapshotDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDatabase.class);

    private final String snapshotId;
    private final DuckDBConnection root;
    private final PgCatalog pgCatalog;
    private int leases;
    private boolean retired;
    private boolean closed;

    private SnapshotDatabase(String snapshotId, DuckDBConnection root, PgCatalog pgCatalog) {
        this.snapshotId = snapshotId;
        this.root = root;
        this.pgCatalog = pgCatalog;
    }

    /** Opens and locks down the catalogue of a snapshot. */
    public static SnapshotDatabase open(WarehouseLayout layout, String snapshotId, GatewayConfig config, Path tempDirectory)
            throws SQLException {
        requireNonNull(layout, "layout");
        Path file = layout.catalogueFile(snapshotId);
        if (!Files.isRegularFile(file)) {
            throw new SQLException("catalogue " + file + " of snapshot " + snapshotId + " does not exist");
        }
        Properties properties = new Properties();
        properties.setProperty("access_mode", "READ_ONLY");
        DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        try {
            Catalogue.useWarehouseRoot(root, layout);
            // one spill folder per snapshot: two DuckDB instances must not share temp files
            lockDown(root, allowedDirectories(layout), config, tempDirectory.resolve(snapshotId));
            PgCatalog pgCatalog = PgCatalog.build(root, config, tempDirectory);
            return new SnapshotDatabase(snapshotId, root, pgCatalog);
        } catch (SQLException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The facts folder as given and as the file system resolves it (DuckDB compares resolved paths). */
    static Set<String> allowedDirectories(WarehouseLayout layout) {
        Set<String> directories = new LinkedHashSet<>();
        Path facts = layout.factsDir();
        directories.add(facts.toAbsolutePath().normalize() + "/");
        try {
            if (Files.exists(facts)) {
                directories.add(facts.toRealPath() + "/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + facts, e);
        }
        return directories;
    }

    /**
     * Order matters: allowed_directories before enable_external_access=false, and lock_configuration
     * last; after it no SET reaches these settings.
     */
    static void lockDown(Connection connection, Set<String> allowedDirectories, GatewayConfig config, Path tempDirectory)
            throws SQLException {
        String directories = allowedDirectories.stream().map(SqlLiteral::of)
                .collect(Collectors.joining(", ", "[", "]"));
        execute(connection, "SET memory_limit = " + SqlLiteral.of(config.memoryLimit()));
        execute(connection, "SET threads = " + config.threads());
        execute(connection, "SET temp_directory = " + SqlLiteral.of(tempDirectory.toAbsolutePath().toString()));
        execute(connection, "SET autoinstall_known_extensions = false");
        execute(connection, "SET autoload_known_extensions = false");
        execute(connection, "SET enable_progress_bar = false");
        // PostgreSQL folds unquoted identifiers to lower case, aliases included: clients read "data_type"
        execute(connection, "SET preserve_identifier_case = false");
        execute(connection, "SET allowed_directories = " + directories);
        execute(connection, "SET enable_external_access = false");
        execute(connection, "SET lock_configuration = true");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public String snapshotId() {
        return snapshotId;
    }

    public PgCatalog pgCatalog() {
        return pgCatalog;
    }

    /** A lease on this database: its connections stay valid until it is released. */
    public synchronized Lease acquire() {
        if (closed) {
            throw new IllegalStateException("snapshot " + snapshotId + " is closed");
        }
        leases++;
        return new Lease();
    }

    private synchronized void release() {
        leases--;
        closeIfUnused();
    }

    /** No new leases will be taken (a newer snapshot is live); closes once the last lease is released. */
    synchronized void retire() {
        retired = true;
        closeIfUnused();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void closeIfUnused() {
        if (retired && leases == 0 && !closed) {
            closed = true;
            try {
                root.close();
                pgCatalog.close();
                LOG.info("closed catalogue of snapshot {}", snapshotId);
            } catch (SQLException e) {
                LOG.warn("cannot close the catalogue of snapshot {}: {}", snapshotId, e.toString());
            }
        }
    }

    /** A session's hold on the database; {@link #close()} releases it. */
    public final class Lease implements AutoCloseable {
        private boolean released;

        private Lease() {}

        public SnapshotDatabase database() {
            return SnapshotDatabase.this;
        }

        /** A new connection to the snapshot; the caller closes it before releasing the lease. */
        public DuckDBConnection connect() throws SQLException {
            return root.duplicate();
        }

        /** A new connection to the snapshot's PostgreSQL catalogue. */
        public DuckDBConnection connectPgCatalog() throws SQLException {
            return pgCatalog.connect();
        }

        @Override
        public void close() {
            synchronized (SnapshotDatabase.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release();
        }
    }
}
