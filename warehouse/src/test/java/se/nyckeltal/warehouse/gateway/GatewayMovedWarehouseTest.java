package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.gateway.auth.UserFile;
import se.nyckeltal.warehouse.query.OutputFormat;
import se.nyckeltal.warehouse.query.QueryRunner;

/**
 * A warehouse published in one folder, moved to another (as a copy, a restore from backup or a mount
 * elsewhere would) and served from there: every relation of the catalogue answers, through the
 * gateway (pgjdbc and psql) and through the embedded {@code sql} path, and no view names the old place.
 */
class GatewayMovedWarehouseTest {
    @TempDir
    Path dir;

    @Test
    void aMovedWarehouseServesEveryRelation() throws Exception {
        WarehouseLayout published = RegionFixture.publish(dir.resolve("first-place"));
        String oldRoot = published.root().toAbsolutePath().toString();
        Path moved = Files.createDirectories(dir.resolve("second-place")).resolve("warehouse");
        Files.move(published.root(), moved);
        WarehouseLayout layout = new WarehouseLayout(moved);

        Path users = dir.resolve("users.conf");
        UserFile.put(users, GatewayFixture.USER, GatewayFixture.PASSWORD);
        GatewayConfig config = GatewayConfig.defaults().withListen("127.0.0.1", 0).withUsersFile(users)
                .withPollInterval(Duration.ofSeconds(5)).withTempDirectory(dir.resolve("gateway-tmp"))
                .withLimits(Duration.ofSeconds(30), 100_000, "1GB", 2);
        try (GatewayServer server = GatewayServer.start(layout, config)) {
            Properties properties = new Properties();
            properties.setProperty("user", GatewayFixture.USER);
            properties.setProperty("password", GatewayFixture.PASSWORD);
            List<String> relations = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/nyckeltal", properties)) {
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT table_schema, table_name FROM"
                                + " information_schema.tables WHERE table_schema IN ('fact', 'dim', 'kpi', 'meta')"
                                + " ORDER BY 1, 2")) {
                    while (result.next()) {
                        relations.add(result.getString(1) + "." + result.getString(2));
                    }
                }
                for (String relation : relations) {
                    try (Statement statement = connection.createStatement();
                            ResultSet result = statement.executeQuery("SELECT count(*) FROM " + relation)) {
                        result.next();
                    } catch (java.sql.SQLException e) {
                        failures.add(relation + ": " + e.getMessage());
                    }
                }
                // the fixture's ledger: 1000 + 5000 + 500 revenue in 202602 (see GatewayPsqlTest)
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT value FROM kpi.kpi_values WHERE kpi_id ="
                                + " 'revenue' AND period = 202602 AND time_window = 'month' AND org_level = 'total'")) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getBigDecimal(1)).isEqualByComparingTo("6500");
                }
            }
            assertThat(relations).contains("fact.ledger", "kpi.kpi_values");
            assertThat(failures).isEmpty();

            ClientProcess psql = ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD,
                    "PGSSLMODE", "disable", "PGCONNECT_TIMEOUT", "10"), null,
                    GatewayFixture.requireExecutable("psql").toString(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                    "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U", GatewayFixture.USER, "-d", "nyckeltal",
                    "-c", "SELECT count(*) > 0 FROM fact.ledger");
            assertThat(psql.exitCode()).as(psql.err()).isZero();
            assertThat(psql.out().strip()).isEqualTo("t");
        }

        StringBuilder out = new StringBuilder();
        QueryRunner.run(layout, "SELECT count(*) > 0 AS rows FROM fact.ledger", OutputFormat.CSV, out);
        assertThat(out.toString()).isEqualTo("rows\ntrue\n");
        try (Connection duckdb = Catalogue.openReadOnly(layout); Statement statement = duckdb.createStatement();
                ResultSet views = statement.executeQuery("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal")) {
            while (views.next()) {
                assertThat(views.getString(2)).as(views.getString(1)).doesNotContain(oldRoot);
            }
        }
    }
}
