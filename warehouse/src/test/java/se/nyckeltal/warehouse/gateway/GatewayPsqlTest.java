package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql (PostgreSQL 15's client) against the gateway: queries, meta-commands, TLS and refused
 * logins. Fails, not skips, when psql is missing: CI installs postgresql-client.
 */
class GatewayPsqlTest {
    @TempDir
    static Path dir;

    private static GatewayFixture gateway;
    private static Path psql;

    @BeforeAll
    static void start() {
        psql = GatewayFixture.requireExecutable("psql");
        gateway = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static ClientProcess psql(String password, String... commands) throws Exception {
        return psqlAs(GatewayFixture.USER, password, "disable", commands);
    }

    private static ClientProcess psqlAs(String user, String password, String sslmode, String... commands) throws Exception {
        var command = ClientProcess.args(psql.toString(), "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                String.valueOf(gateway.port()), "-U", user, "-d", "nyckeltal");
        for (String c : commands) {
            command.add("-c");
            command.add(c);
        }
        return ClientProcess.run(dir, Map.of("PGPASSWORD", password, "PGSSLMODE", sslmode, "PGCONNECT_TIMEOUT", "10"),
                null, command.toArray(String[]::new));
    }

    @Test
    void psqlRunsQueriesWithPostgresTextFormats() throws Exception {
        ClientProcess result = psql(GatewayFixture.PASSWORD,
                "SELECT org_id, value, suppressed FROM kpi.kpi_values WHERE kpi_id = 'revenue' AND period = 202602"
                        + " AND time_window = 'month' AND org_level = 'total'",
                "SELECT DATE '2026-02-01' AS day, TIMESTAMP '2026-02-01 10:15:00' AS stamp, 0.1::DOUBLE AS ratio,"
                        + " 1e20::DOUBLE AS big, 'Område' AS name");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // revenue 202602: U1 1000 + 5000 (3210 regionersättning is revenue too) + U2 500 = 6500
        assertThat(result.out()).contains(" TOTAL  | 6500.000000 | f");
        assertThat(result.out()).contains(" 2026-02-01 | 2026-02-01 10:15:00 |   0.1 | 1e+20 | Område");
    }

    @Test
    void metaCommandsListTablesDescribeATableAndListDatabases() throws Exception {
        ClientProcess tables = psql(GatewayFixture.PASSWORD, "\\dt kpi.*");
        assertThat(tables.exitCode()).as(tables.err()).isZero();
        assertThat(tables.out()).contains("List of relations").contains(" kpi    | kpi_values ")
                .contains(" kpi    | income_statement ");

        ClientProcess describe = psql(GatewayFixture.PASSWORD, "\\d kpi.kpi_values");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("Table \"kpi.kpi_values\"")
                .containsPattern("kpi_id\\s+\\| character varying")
                .containsPattern("period\\s+\\| integer")
                .containsPattern("value\\s+\\| numeric\\(38,6\\)")
                .containsPattern("suppressed\\s+\\| boolean");

        ClientProcess databases = psql(GatewayFixture.PASSWORD, "\\l", "\\dn", "\\dv fact.*");
        assertThat(databases.exitCode()).as(databases.err()).isZero();
        assertThat(databases.out()).contains(" nyckeltal ").contains("UTF8").contains(" kpi ")
                .contains(" fact   | ledger ");
    }

    @Test
    void refusedStatementsExplainWhy() throws Exception {
        ClientProcess result = psql(GatewayFixture.PASSWORD, "CREATE TABLE kpi.mine AS SELECT 1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("CREATE is not allowed: the nyckeltal catalogue is read-only");
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() throws Exception {
        ClientProcess wrong = psql("wrong-password", "SELECT 1");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("password authentication failed for user \"analyst\"");
        ClientProcess unknown = psqlAs("nobody", GatewayFixture.PASSWORD, "disable", "SELECT 1");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("password authentication failed for user \"nobody\"");
    }

    @Test
    void withoutACertificateTheServerSaysNoToTls() throws Exception {
        ClientProcess required = psqlAs(GatewayFixture.USER, GatewayFixture.PASSWORD, "require", "SELECT 1");
        assertThat(required.exitCode()).isNotZero();
        assertThat(required.err()).contains("server does not support SSL");
        ClientProcess preferred = psqlAs(GatewayFixture.USER, GatewayFixture.PASSWORD, "prefer", "SELECT 1 AS one");
        assertThat(preferred.exitCode()).as(preferred.err()).isZero();
    }

    @Test
    void withACertificateTheServerSpeaksTls() throws Exception {
        Path tlsDir = Files.createDirectories(dir.resolve("tls"));
        ClientProcess openssl = ClientProcess.run(tlsDir, Map.of(), null, GatewayFixture.requireExecutable("openssl").toString(),
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.crt", "-days", "2",
                "-subj", "/CN=localhost");
        assertThat(openssl.exitCode()).as(openssl.err()).isZero();
        try (GatewayFixture tls = GatewayFixture.start(dir.resolve("tls-warehouse"),
                config -> config.withTls(tlsDir.resolve("server.crt"), tlsDir.resolve("server.key"), true))) {
            var command = ClientProcess.args(psql.toString(), "-X", "-h", "127.0.0.1", "-p", String.valueOf(tls.port()),
                    "-U", GatewayFixture.USER, "-d", "nyckeltal", "-c", "SELECT 'over tls' AS how");
            ClientProcess encrypted = ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD,
                    "PGSSLMODE", "require"), null, command.toArray(String[]::new));
            assertThat(encrypted.exitCode()).as(encrypted.err()).isZero();
            assertThat(encrypted.out()).contains("over tls");
            ClientProcess verified = ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD,
                    "PGSSLMODE", "verify-ca", "PGSSLROOTCERT", tlsDir.resolve("server.crt").toString()), null,
                    command.toArray(String[]::new));
            assertThat(verified.exitCode()).as(verified.err()).isZero();
            ClientProcess plain = ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD,
                    "PGSSLMODE", "disable"), null, command.toArray(String[]::new));
            assertThat(plain.exitCode()).isNotZero();
            assertThat(plain.err()).contains("requires TLS");
        }
    }
}
