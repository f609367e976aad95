package se.nyckeltal.warehouse.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/** The published catalogue of a warehouse, for readers. */
public final class Catalogue {
    private Catalogue() {}

    /**
     * Opens the published catalogue read-only. The connection keeps reading the snapshot it opened
     * even when a newer one is published meanwhile.
     *
     * @throws IllegalStateException when nothing has been published yet
     */
    public static Connection openReadOnly(WarehouseLayout layout) throws SQLException {
        Path file = publishedFile(layout);
        Properties properties = new Properties();
        properties.setProperty("access_mode", "READ_ONLY");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        try {
            useWarehouseRoot(connection, layout);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Tells a connection to a catalogue where its warehouse is now: the catalogue's views name Parquet
     * files by their path inside the warehouse after this variable, never by an absolute path. Every
     * connection that reads a view sets it first (DuckDB variables belong to the database instance).
     */
    public static void useWarehouseRoot(Connection connection, WarehouseLayout layout) throws SQLException {
        String root = layout.root().toAbsolutePath().normalize().toString();
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE " + ParquetSource.ROOT_VARIABLE + " = " + SqlLiteral.of(root));
        }
    }

    /**
     * The DuckDB file of the published snapshot.
     *
     * @throws IllegalStateException when nothing has been published yet, or its file is missing
     */
    public static Path publishedFile(WarehouseLayout layout) {
        String snapshotId = new WarehouseStore(layout).currentSnapshotId().orElseThrow(() -> new IllegalStateException(
                "no catalogue published in " + layout.root() + " yet; run 'nyckeltal load --landing DIR --warehouse "
                        + layout.root() + "' first"));
        Path file = layout.catalogueFile(snapshotId);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("snapshot " + snapshotId + " is published in " + layout.root()
                    + " but its catalogue " + file + " is missing; run 'nyckeltal load --landing DIR --warehouse "
                    + layout.root() + "' to publish a new one");
        }
        return file;
    }
}
