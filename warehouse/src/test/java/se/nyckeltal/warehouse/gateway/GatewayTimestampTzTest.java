package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.query.OutputFormat;
import se.nyckeltal.warehouse.query.QueryRunner;

/**
 * TIMESTAMPTZ values on and around both Europe/Stockholm DST nights of 2024–2027 (SPEC §9), in text
 * (psql, pgjdbc) and binary (pgjdbc), and through the embedded {@code sql} path. The test JVM runs in
 * Europe/Stockholm (surefire's user.timezone), where DuckDB's JDBC conversion was an hour off.
 */
class GatewayTimestampTzTest {
    @TempDir
    static Path dir;

    private static GatewayFixture gateway;

    /** The UTC instants of the changes: the last Sunday of March and of October, 01:00 UTC. */
    private static final List<Instant> CHANGES = List.of(
            Instant.parse("2024-03-31T01:00:00Z"), Instant.parse("2024-10-27T01:00:00Z"),
            Instant.parse("2025-03-30T01:00:00Z"), Instant.parse("2025-10-26T01:00:00Z"),
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2027-03-28T01:00:00Z"), Instant.parse("2027-10-31T01:00:00Z"));

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Each change, half an hour and an hour and a half either side. */
    private static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>();
        for (Instant change : CHANGES) {
            for (long minutes : new long[] {-90, -30, 0, 30, 90}) {
                instants.add(change.plusSeconds(minutes * 60));
            }
        }
        return instants;
    }

    @Test
    void theIssuesExamplesInPsqlText() throws Exception {
        ClientProcess utc = psql("UTC", "SELECT to_timestamp(1792884600), to_timestamp(1774744200)");
        assertThat(utc.exitCode()).as(utc.err()).isZero();
        // 1792884600 = 2026-10-24 23:30 UTC, 01:30 CEST before the autumn change; 1774744200 = 2026-03-29 00:30 UTC
        assertThat(utc.out().strip()).isEqualTo("2026-10-24 23:30:00+00|2026-03-29 00:30:00+00");
        ClientProcess stockholm = psql("Europe/Stockholm", "SELECT to_timestamp(1792884600), to_timestamp(1774744200)");
        assertThat(stockholm.exitCode()).as(stockholm.err()).isZero();
        assertThat(stockholm.out().strip()).isEqualTo("2026-10-25 01:30:00+02|2026-03-29 01:30:00+01");
    }

    @Test
    void everyInstantAroundTheChangesInPsqlText() throws Exception {
        StringBuilder sql = new StringBuilder("SELECT ");
        StringBuilder expected = new StringBuilder();
        DateTimeFormatter text = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssx");
        for (Instant instant : instants()) {
            if (expected.length() > 0) {
                sql.append(", ");
                expected.append('|');
            }
            sql.append("to_timestamp(").append(instant.getEpochSecond()).append(')');
            expected.append(text.format(instant.atZone(ZoneId.of("Europe/Stockholm"))));
        }
        ClientProcess result = psql("Europe/Stockholm", sql.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(expected.toString());
    }

    @Test
    void pgjdbcTextAndBinaryGiveTheSameInstants() throws Exception {
        for (String binary : List.of("false", "true")) {
            Properties properties = new Properties();
            properties.setProperty("user", GatewayFixture.USER);
            properties.setProperty("password", GatewayFixture.PASSWORD);
            properties.setProperty("binaryTransfer", binary);
            properties.setProperty("prepareThreshold", "-1");
            try (Connection connection = DriverManager.getConnection(gateway.jdbcUrl(), properties);
                    PreparedStatement statement = connection.prepareStatement("SELECT to_timestamp(?::BIGINT)")) {
                for (Instant instant : instants()) {
                    statement.setLong(1, instant.getEpochSecond());
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        assertThat(result.getObject(1, OffsetDateTime.class).toInstant()).as("binary " + binary)
                                .isEqualTo(instant);
                        assertThat(result.getTimestamp(1).toInstant()).as("binary " + binary).isEqualTo(instant);
                    }
                }
            }
        }
    }

    @Test
    void theEmbeddedSqlCommandGivesTheSameInstants() throws Exception {
        for (Instant instant : instants()) {
            StringBuilder out = new StringBuilder();
            QueryRunner.run(gateway.layout, "SELECT to_timestamp(" + instant.getEpochSecond() + ") AS t",
                    OutputFormat.CSV, out);
            String printed = out.toString().lines().skip(1).findFirst().orElseThrow();
            assertThat(OffsetDateTime.parse(printed).toInstant()).as(printed).isEqualTo(instant);
            assertThat(OffsetDateTime.parse(printed).getOffset())
                    .isEqualTo(ZoneId.systemDefault().getRules().getOffset(instant));
        }
    }

    private static ClientProcess psql(String zone, String sql) throws Exception {
        return ClientProcess.run(dir, Map.of("PGPASSWORD", GatewayFixture.PASSWORD, "PGSSLMODE", "disable",
                "PGCONNECT_TIMEOUT", "10", "PGTZ", zone), null, GatewayFixture.requireExecutable("psql").toString(),
                "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String.valueOf(gateway.port()),
                "-U", GatewayFixture.USER, "-d", "nyckeltal", "-c", sql);
    }
}
