package se.nyckeltal.warehouse.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;
import se.nyckeltal.warehouse.gateway.auth.UserFile;

/**
 * A published warehouse (the KPI tests' small region, published by the real CataloguePublisher) served
 * by a gateway on a random loopback port, with user {@value #USER} / {@value #PASSWORD}.
 */
final class GatewayFixture implements AutoCloseable {
    static final String USER = "analyst";
    static final String PASSWORD = "kpi-secret-2026";

    final Path dir;
    final WarehouseLayout layout;
    final Path usersFile;
    final GatewayServer server;
    private final TestWarehouse warehouse;
    private int publishes = 1;

    private GatewayFixture(Path dir, WarehouseLayout layout, TestWarehouse warehouse, Path usersFile, GatewayServer server) {
        this.dir = dir;
        this.layout = layout;
        this.warehouse = warehouse;
        this.usersFile = usersFile;
        this.server = server;
    }

    static GatewayFixture start(Path dir) {
        return start(dir, config -> config);
    }

    static GatewayFixture start(Path dir, java.util.function.UnaryOperator<GatewayConfig> adjust) {
        try {
            TestWarehouse warehouse = new TestWarehouse(dir);
            RegionFixture.addLedger(warehouse);
            List<FactPartition> partitions = warehouse.writeLedger("L1");
            ReferenceData reference = warehouse.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS,
                    "kpi_targets.csv", RegionFixture.KPI_TARGETS));
            new CataloguePublisher(warehouse.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                    List.of(RegionFixture.load()));
            Path users = dir.resolve("gateway").resolve("users.conf");
            UserFile.put(users, USER, PASSWORD);
            GatewayConfig config = GatewayConfig.defaults().withListen("127.0.0.1", 0).withUsersFile(users)
                    .withPollInterval(Duration.ofMillis(100)).withTempDirectory(dir.resolve("gateway-tmp"))
                    .withLimits(Duration.ofSeconds(3), 100_000, "1GB", 2);
            GatewayServer server = GatewayServer.start(warehouse.layout(), adjust.apply(config));
            return new GatewayFixture(dir, warehouse.layout(), warehouse, users, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.port();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/nyckeltal";
    }

    /** Publishes a new snapshot with one more ACTUAL row in 202602 (U3 5010 amount). */
    String publishAnother(String amount) {
        publishes++;
        String loadId = "L" + publishes;
        RegionFixture.addLedger(warehouse);
        warehouse.ledger(202602, "ACTUAL", "U3", "5010", amount);
        List<FactPartition> partitions = warehouse.writeLedger(loadId);
        ReferenceData reference = warehouse.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS,
                "kpi_targets.csv", RegionFixture.KPI_TARGETS));
        String snapshotId = "S" + publishes;
        new CataloguePublisher(layout).publish(TestWarehouse.snapshot(snapshotId, loadId, partitions), reference,
                List.of(RegionFixture.load()));
        return snapshotId;
    }

    static Path requireExecutable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not installed; CI installs it (.ci/run), locally: apt-get install "
                + (name.equals("isql") ? "unixodbc odbc-postgresql" : "postgresql-client"));
    }

    @Override
    public void close() {
        server.close();
    }
}
