package se.nyckeltal.warehouse.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
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
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET VARIABLE " + ParquetSource.ROOT_VARIABLE + " = " + SqlLiteral.of(root));
        }
    }

    /**
     * What is wrong with a snapshot's catalogue file, if anything: missing, not a DuckDB file DuckDB can
     * open, or not the catalogue of that snapshot (its {@code meta.snapshot} names another).
     *
     * @return empty when the catalogue opens and is the snapshot's
     */
    public static Optional<String> problem(WarehouseLayout layout, String snapshotId) {
        Path file = layout.catalogueFile(snapshotId);
        if (!Files.isRegularFile(file)) {
            return Optional.of("its catalogue " + file + " is missing");
        }
        Properties properties = new Properties();
        properties.setProperty("access_mode", "READ_ONLY");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT snapshot_id FROM meta.snapshot")) {
            if (!rows.next() || !snapshotId.equals(rows.getString(1))) {
                return Optional.of("its catalogue " + file + " is not the catalogue of snapshot " + snapshotId);
            }
            return Optional.empty();
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return Optional.of("its catalogue " + file + " cannot be read (" + message + ")");
        }
    }

    /**
     * The newest snapshot other than the published one whose manifest and catalogue are intact, for a
     * gateway told to serve it while the published one is broken.
     */
    public static Optional<String> newestIntactBefore(WarehouseLayout layout, String brokenSnapshotId) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(layout.catalogueDir())) {
            list.filter(f -> f.getFileName().toString().endsWith(".duckdb")).forEach(files::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        // snapshot ids start with the load's UTC time, so the newest sorts last
        return files.stream()
                .map(f -> f.getFileName().toString().replaceFirst("\\.duckdb$", ""))
                .filter(id -> !id.equals(brokenSnapshotId) && Files.isRegularFile(layout.snapshotFile(id)))
                .sorted(Comparator.reverseOrder())
                .filter(id -> problem(layout, id).isEmpty())
                .findFirst();
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
