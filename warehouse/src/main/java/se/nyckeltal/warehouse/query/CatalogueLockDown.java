package se.nyckeltal.warehouse.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.SqlLiteral;

/**
 * The wall under the {@link ReadOnlyGate}, for every connection analysts' SQL runs on (the gateway and
 * {@code nyckeltal sql}): DuckDB may read no file outside the warehouse's published facts folder
 * (symlinks resolved before that check; restricted facts are outside it), installs and loads no
 * extension, and its configuration is locked so no statement can undo this.
 */
public final class CatalogueLockDown {
    private CatalogueLockDown() {}

    /** The facts folder as given and as the file system resolves it (DuckDB compares resolved paths). */
    public static Set<String> allowedDirectories(WarehouseLayout layout) {
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
     * Locks the connection's database down. Order matters: allowed_directories before
     * enable_external_access=false, and lock_configuration last; after it no SET reaches these settings.
     * Settings of the caller's own (memory, threads, temp folder) go before this call.
     */
    public static void apply(Connection connection, Set<String> allowedDirectories) throws SQLException {
        if (alreadyLocked(connection)) {
            // DuckDB shares one database per file within a process: another connection to this catalogue
            // (the gateway's, in the same JVM) locked it down already, and a locked configuration refuses
            // every SET, so this one is as locked as it can be made
            return;
        }
        String directories = allowedDirectories.stream().map(SqlLiteral::of)
                .collect(Collectors.joining(", ", "[", "]"));
        execute(connection, "SET autoinstall_known_extensions = false");
        execute(connection, "SET autoload_known_extensions = false");
        execute(connection, "SET allowed_directories = " + directories);
        execute(connection, "SET enable_external_access = false");
        execute(connection, "SET lock_configuration = true");
    }

    /**
     * Whether the database is locked already with external access off and no extension loading.
     *
     * @throws SQLException when it is locked but with external access on: nothing here may use it
     */
    private static boolean alreadyLocked(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet settings = statement.executeQuery("SELECT current_setting('lock_configuration'),"
                        + " current_setting('enable_external_access'), current_setting('autoload_known_extensions'),"
                        + " current_setting('autoinstall_known_extensions')")) {
            settings.next();
            if (!settings.getBoolean(1)) {
                return false;
            }
            if (settings.getBoolean(2) || settings.getBoolean(3) || settings.getBoolean(4)) {
                throw new SQLException("the catalogue's configuration is locked with external access or extension"
                        + " loading on; it cannot be served to analysts");
            }
            return true;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
