package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints as psql (ON_ERROR_ROLLBACK) and pgjdbc (autosave) use them, and statements long enough to
 * have overflowed a session thread's stack in a regex (SPEC §9), all with the real clients.
 */
class GatewaySavepointTest {
    @TempDir
    static Path dir;

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static ClientProcess psql(String stdin, String... options) throws Exception {
        var command = ClientProcess.args(GatewayFixture.requireExecutable("psql").toString(), "-X", "-A", "-t", "-h",
                "127.0.0.1", "-p", String.valueOf(gateway.port()), "-U", GatewayFixture.USER, "-d", "nyckeltal");
        command.addAll(java.util.List.of(options));
        return ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD, "PGSSLMODE", "disable",
                "PGCONNECT_TIMEOUT", "10"), stdin, command.toArray(String[]::new));
    }

    @Test
    void rollbackToSavepointRestoresTheTransactionAfterAnError() throws Exception {
        ClientProcess result = psql(null, "-v", "ON_ERROR_STOP=0", "-c",
                "BEGIN; SAVEPOINT a; SELECT * FROM nope;", "-c", "ROLLBACK TO SAVEPOINT a; SELECT 40 + 2; RELEASE a;"
                        + " SAVEPOINT b; SAVEPOINT c; RELEASE SAVEPOINT b; COMMIT");
        // psql sends each -c as one simple query: the first fails at "nope", the second runs in the restored block
        assertThat(result.err()).contains("nope").doesNotContain("25P02").doesNotContain("current transaction is aborted");
        assertThat(result.out()).contains("42");
    }

    @Test
    void psqlOnErrorRollbackKeepsTheTransactionGoing() throws Exception {
        ClientProcess result = psql("\\set ON_ERROR_ROLLBACK on\nBEGIN;\nSELECT * FROM nope;\nSELECT 6 * 7;\n"
                + "SELECT count(*) > 0 FROM kpi.kpi_values;\nCOMMIT;\n");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("nope").doesNotContain("aborted");
        assertThat(result.out()).contains("42").contains("t").contains("COMMIT");
    }

    @Test
    void savepointsOutsideABlockAndUnknownNamesFailAsInPostgres() throws Exception {
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SAVEPOINT x"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P01"));
            statement.execute("BEGIN");
            assertThatThrownBy(() -> statement.execute("ROLLBACK TO SAVEPOINT never_made"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3B001"));
            // that error failed the block, and no savepoint can rescue it: only ROLLBACK
            assertThatThrownBy(() -> statement.execute("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            statement.execute("ROLLBACK");
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void pgjdbcAutosaveRecoversFromAFailedStatement() throws Exception {
        try (Connection connection = connect(true)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM kpi.no_such_view"))
                        .isInstanceOf(SQLException.class);
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM kpi.kpi_values")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isPositive();
                }
            }
            connection.commit();
        }
    }

    @Test
    void longLiteralsDoNotKillTheSession() throws Exception {
        String x = "x".repeat(4000);
        ClientProcess result = psql(null, "-v", "ON_ERROR_STOP=1", "-c",
                "SELECT length('" + x + "') FROM pg_catalog.pg_namespace LIMIT 1",
                "-c", "SET application_name = '" + "a''b,".repeat(3000) + "'",
                "-c", "SELECT length(current_setting('application_name')) FROM pg_catalog.pg_namespace LIMIT 1");
        assertThat(result.err()).doesNotContain("StackOverflow").doesNotContain("internal error")
                .doesNotContain("server closed the connection");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // 3000 × a'b, = 12 000 characters, quotes and commas kept inside the one literal
        assertThat(result.out()).startsWith("4000\n").contains("12000");
        try (Connection connection = connect(false)) {
            // pgjdbc's getSQLKeywords() asks pg_get_keywords(); DBeaver's start-up sends a long literal list too
            assertThat(connection.getMetaData().getSQLKeywords()).isNotNull();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT length('" + x.repeat(5) + "')")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(20_000);
            }
        }
    }

    private static Connection connect(boolean autosave) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        if (autosave) {
            properties.setProperty("autosave", "always");
        }
        return DriverManager.getConnection(gateway.jdbcUrl(), properties);
    }
}
