package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish while analysts query: the gateway picks the new catalogue up without a restart, queries
 * keep running, and no client sees an error because of it.
 */
class GatewayLiveCatalogueTest {
    private static final int CLIENTS = 32;
    private static final String ACTUAL_SUM = "SELECT sum(amount) FROM fact.ledger WHERE scenario = ?";

    @TempDir
    Path dir;

    @Test
    void thirtyTwoClientsQueryThroughAPublishWithoutAnError() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir)) {
            SnapshotDatabase first = gateway.server.catalogue().current();
            BigDecimal before = actualSum(gateway);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Set<BigDecimal> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong queries = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                clients.add(pool.submit(() -> {
                    int round = 0;
                    while (!stop.get() && round < 2000) {
                        // half the clients keep one connection, the others reconnect every few queries
                        try (Connection connection = connect(gateway)) {
                            for (int q = 0; q < (client % 2 == 0 ? 1000 : 5) && !stop.get(); q++) {
                                try (PreparedStatement statement = connection.prepareStatement(ACTUAL_SUM)) {
                                    statement.setString(1, "ACTUAL");
                                    try (ResultSet result = statement.executeQuery()) {
                                        result.next();
                                        seen.add(result.getBigDecimal(1));
                                    }
                                }
                                queries.incrementAndGet();
                                // analysts, not a benchmark: leave the two cores some room for the publish
                                Thread.sleep(20);
                            }
                        } catch (SQLException | RuntimeException e) {
                            errors.add(e);
                            return;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        round++;
                    }
                }));
            }
            waitFor(() -> queries.get() >= CLIENTS * 2L);
            String second = gateway.publishAnother("1000");
            waitFor(() -> gateway.server.catalogue().current().snapshotId().equals(second));
            long afterSecond = queries.get();
            waitFor(() -> queries.get() >= afterSecond + CLIENTS * 2L);
            stop.set(true);
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(errors).isEmpty();
            // the publish re-delivers the fixture's ledger plus one more ACTUAL row of 1000
            assertThat(seen).containsExactlyInAnyOrder(before, before.add(new BigDecimal("1000")));
            assertThat(actualSum(gateway)).isEqualByComparingTo(before.add(new BigDecimal("1000")));
            // every session has moved on or closed: the first snapshot's database is closed
            waitFor(first::isClosed);
        }
    }

    @Test
    void aServerPreparedStatementReadsTheNewSnapshotOnceTheSessionMovesThere() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir);
                Connection connection = connect(gateway, "prepareThreshold", "1");
                PreparedStatement sum = connection.prepareStatement(ACTUAL_SUM)) {
            BigDecimal before = actualSum(sum);
            assertThat(actualSum(sum)).isEqualByComparingTo(before);
            gateway.publishAnother("1000");
            gateway.server.catalogue().poll();
            // the session moves between statements, when the client sends one; the named statement's
            // DuckDB statement belongs to the old snapshot and is prepared again on the new one
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            assertThat(actualSum(sum)).isEqualByComparingTo(before.add(new BigDecimal("1000")));
            assertThat(actualSum(sum)).isEqualByComparingTo(before.add(new BigDecimal("1000")));
        }
    }

    private static BigDecimal actualSum(PreparedStatement sum) throws SQLException {
        sum.setString(1, "ACTUAL");
        try (ResultSet result = sum.executeQuery()) {
            result.next();
            return result.getBigDecimal(1);
        }
    }

    private static Connection connect(GatewayFixture gateway, String... options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        for (int i = 0; i + 1 < options.length; i += 2) {
            properties.setProperty(options[i], options[i + 1]);
        }
        return DriverManager.getConnection(gateway.jdbcUrl(), properties);
    }

    private static BigDecimal actualSum(GatewayFixture gateway) throws SQLException {
        try (Connection connection = connect(gateway); PreparedStatement statement = connection.prepareStatement(ACTUAL_SUM)) {
            statement.setString(1, "ACTUAL");
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBigDecimal(1);
            }
        }
    }

    /**
     * A bound for a hang, not a speed goal: at a load average of 20 on two cores (a full suite beside other
     * builds) opening the new snapshot under 32 busy clients took longer than 30 s.
     */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 120 s");
            }
            Thread.sleep(20);
        }
    }
}
