package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.GatewayServer;
import se.nyckeltal.warehouse.gateway.auth.UserFile;

/**
 * Times the {@link AnalystQueries typical analyst queries} on a warehouse's published catalogue, first
 * embedded, then through the SQL gateway. Reads the warehouse only; the gateway's users file and
 * DuckDB temp folder live in a temporary folder that is removed afterwards.
 *
 * <p>A run is what an analyst's tool does for one query on an open connection: prepare the
 * statement, bind the parameters, execute, read every value of every row, close. Embedded, that is
 * DuckDB JDBC on {@link Catalogue#openReadOnly}. Through the gateway it is pgjdbc with
 * {@code prepareThreshold=0}, so each lookup is one unnamed Parse/Bind/Describe/Execute/Sync round
 * trip as Power BI's Npgsql and psqlODBC send them, never a statement the server prepared earlier.
 * Report queries read their rows in chunks of {@value #FETCH_ROWS} inside a transaction, as a client
 * streaming an import does, so the benchmark never holds a whole table. The gateway runs in this JVM
 * with its default settings (no TLS, the default limits) on a free loopback port, with a user created
 * for the run.
 */
public final class QueryLatencyBench {
    private static final Logger LOG = LoggerFactory.getLogger(QueryLatencyBench.class);
    private static final String USER = "bench";
    /** Rows per round trip when a report is read in chunks, as a client streaming an import does. */
    private static final int FETCH_ROWS = 10_000;

    private QueryLatencyBench() {}

    public static QueryLatencyReport measure(WarehouseLayout layout, QueryLatencySettings settings)
            throws SQLException, IOException {
        return measure(layout, settings, line -> {});
    }

    /**
     * @param progress told about each query as it starts ("embedded kpi_unit_value")
     * @throws IllegalStateException when nothing is published, the catalogue has no KPI values, or a
     *     new catalogue was published while the benchmark ran
     */
    public static QueryLatencyReport measure(WarehouseLayout layout, QueryLatencySettings settings,
            Consumer<String> progress) throws SQLException, IOException {
        requireNonNull(layout, "layout");
        requireNonNull(settings, "settings");
        requireNonNull(progress, "progress");
        CatalogueSample sample;
        List<AnalystQuery> queries;
        List<Timed> timed = new ArrayList<>();
        // one path at a time: the two never compete for the CPU or share a DuckDB instance
        try (Connection embedded = Catalogue.openReadOnly(layout)) {
            sample = CatalogueSample.of(embedded);
            queries = AnalystQueries.typical(sample);
            timed.addAll(runAll(embedded, AccessPath.EMBEDDED, queries, settings, progress));
        }
        Path temp = Files.createTempDirectory("nyckeltal-bench-");
        try {
            String password = randomPassword();
            Path users = temp.resolve("users.conf");
            UserFile.put(users, USER, password);
            GatewayConfig config = GatewayConfig.defaults().withListen("127.0.0.1", 0).withUsersFile(users)
                    .withTempDirectory(temp.resolve("duckdb"));
            try (GatewayServer server = GatewayServer.start(layout, config);
                    Connection gateway = connect(server, password)) {
                timed.addAll(runAll(gateway, AccessPath.GATEWAY, queries, settings, progress));
                String served = server.catalogue().current().snapshotId();
                if (!served.equals(sample.snapshotId())) {
                    throw new IllegalStateException("snapshot " + served + " was published while the benchmark ran on "
                            + sample.snapshotId() + "; run it again");
                }
            }
        } finally {
            deleteTree(temp);
        }
        return report(sample, settings, queries, timed);
    }

    private static Connection connect(GatewayServer server, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        properties.setProperty("prepareThreshold", "0");
        properties.setProperty("ApplicationName", "nyckeltal bench");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/nyckeltal", properties);
    }

    private static List<Timed> runAll(Connection connection, AccessPath path, List<AnalystQuery> queries,
            QueryLatencySettings settings, Consumer<String> progress) throws SQLException {
        List<Timed> timed = new ArrayList<>();
        for (AnalystQuery query : queries) {
            progress.accept(path.name().toLowerCase(Locale.ROOT) + " " + query.id());
            QueryLatencySettings.Runs runs = settings.runs(query.group());
            // a lookup is one statement on its own; a report's rows are read in chunks, which pgjdbc does
            // only inside a transaction (without it pgjdbc would hold a whole import in memory)
            connection.setAutoCommit(query.group() == QueryGroup.KPI_LOOKUP);
            for (int i = 0; i < runs.warmups(); i++) {
                runOnce(connection, query);
            }
            long[] nanos = new long[runs.timed()];
            long rows = -1;
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                long runRows = runOnce(connection, query);
                nanos[i] = System.nanoTime() - started;
                if (rows >= 0 && runRows != rows) {
                    throw new IllegalStateException(query.id() + " returned " + rows + " rows, then " + runRows);
                }
                rows = runRows;
            }
            timed.add(new Timed(new QueryTiming(query.id(), query.group(), path, rows, LatencyStats.of(nanos)), nanos));
        }
        connection.setAutoCommit(true);
        return timed;
    }

    /** Prepare, bind, execute, read every value (and commit, outside auto-commit); returns the number of rows. */
    static long runOnce(Connection connection, AnalystQuery query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            statement.setFetchSize(FETCH_ROWS);
            for (int i = 0; i < query.parameters().size(); i++) {
                statement.setObject(i + 1, query.parameters().get(i));
            }
            long rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int column = 1; column <= columns; column++) {
                        result.getObject(column);
                    }
                    rows++;
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        } catch (SQLException e) {
            throw new SQLException(query.id() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static QueryLatencyReport report(CatalogueSample sample, QueryLatencySettings settings,
            List<AnalystQuery> queries, List<Timed> timed) {
        List<GroupTiming> groups = new ArrayList<>();
        for (QueryGroup group : QueryGroup.values()) {
            Map<AccessPath, List<long[]>> byPath = new EnumMap<>(AccessPath.class);
            for (Timed t : timed) {
                if (t.timing().group() == group) {
                    byPath.computeIfAbsent(t.timing().path(), p -> new ArrayList<>()).add(t.nanos());
                }
            }
            byPath.forEach((path, runs) -> groups.add(new GroupTiming(group, path,
                    LatencyStats.of(runs.stream().flatMapToLong(Arrays::stream).toArray()))));
        }
        return new QueryLatencyReport(sample, settings, queries, timed.stream().map(Timed::timing).toList(), groups,
                QueryLatencyReport.LOOKUP_TARGET_P95_MILLIS);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Best effort: a leftover temp folder must not hide the benchmark's result or its failure. */
    private static void deleteTree(Path root) {
        try {
            FileTree.delete(root);
        } catch (UncheckedIOException e) {
            LOG.warn("cannot remove the benchmark's temporary folder {}: {}", root, e.toString());
        }
    }

    /** A timing with its run times, for pooling into the group figures. */
    private record Timed(QueryTiming timing, long[] nanos) {}
}
