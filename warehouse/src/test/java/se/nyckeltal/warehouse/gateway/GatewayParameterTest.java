package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Date, timestamp and array parameters as pgjdbc sends them (setDate sends {@code 2026-10-31 +00}
 * untyped, setTimestamp a timestamp with zone, setArray the array text or binary form), in text and
 * binary transfer.
 */
class GatewayParameterTest {
    private static final String DAY = "SELECT d FROM (VALUES (DATE '2026-10-30'), (DATE '2026-10-31')) t(d) WHERE d = ?";
    private static final String ANY_TEXT = "SELECT x FROM (VALUES ('a'), ('b'), ('c')) t(x) WHERE x = ANY(?) ORDER BY x";
    private static final String ANY_INT = "SELECT n FROM range(5) r(n) WHERE n::INTEGER = ANY(?) ORDER BY n";

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

    @Test
    void datesAsDriversSendThem() throws Exception {
        for (String binary : List.of("false", "true")) {
            try (Connection connection = connect(binary); PreparedStatement statement = connection.prepareStatement(DAY)) {
                statement.setDate(1, Date.valueOf("2026-10-31"));
                assertThat(rows(statement)).as("setDate, binary " + binary).containsExactly("2026-10-31");
                statement.setTimestamp(1, Timestamp.valueOf("2026-10-31 00:00:00"));
                assertThat(rows(statement)).as("setTimestamp, binary " + binary).containsExactly("2026-10-31");
                statement.setObject(1, LocalDate.of(2026, 10, 30));
                assertThat(rows(statement)).as("LocalDate, binary " + binary).containsExactly("2026-10-30");
                statement.setObject(1, "2026-10-31T00:00:00.000Z", java.sql.Types.OTHER);
                assertThat(rows(statement)).as("ISO instant, binary " + binary).containsExactly("2026-10-31");
            }
        }
    }

    @Test
    void arrayParametersInTextAndBinary() throws Exception {
        for (String binary : List.of("false", "true")) {
            try (Connection connection = connect(binary)) {
                try (PreparedStatement statement = connection.prepareStatement(ANY_TEXT)) {
                    statement.setArray(1, connection.createArrayOf("text", new Object[] {"a", "c", "x,y"}));
                    assertThat(rows(statement)).as("text[], binary " + binary).containsExactly("a", "c");
                }
                try (PreparedStatement statement = connection.prepareStatement(ANY_INT)) {
                    statement.setArray(1, connection.createArrayOf("int4", new Object[] {1, 3, null}));
                    assertThat(rows(statement)).as("int4[], binary " + binary).containsExactly("1", "3");
                }
            }
        }
        try (Connection connection = connect("false");
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT x FROM (VALUES ('a'), ('b'), ('c')) t(x) WHERE x = ANY('{a,\"b\"}'::text[]) ORDER BY x")) {
            assertThat(rows(statement)).containsExactly("a", "b");
        }
    }

    private static List<String> rows(PreparedStatement statement) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static Connection connect(String binaryTransfer) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", GatewayFixture.USER);
        properties.setProperty("password", GatewayFixture.PASSWORD);
        properties.setProperty("binaryTransfer", binaryTransfer);
        properties.setProperty("prepareThreshold", "-1");
        return DriverManager.getConnection(gateway.jdbcUrl(), properties);
    }
}
