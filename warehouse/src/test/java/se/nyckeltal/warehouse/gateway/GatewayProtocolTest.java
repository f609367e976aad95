package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol at message level: Npgsql's type loading as Power BI sends it, row limits, errors in a batch. */
class GatewayProtocolTest {
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

    static List<String> npgsqlStatements() throws Exception {
        String text;
        try (var in = GatewayProtocolTest.class.getResourceAsStream("npgsql-4.0.17-type-loading.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = text.lines().filter(line -> !line.startsWith("--") && !line.isBlank())
                .map(line -> line.strip().replaceAll(";$", "")).collect(Collectors.toList());
        assertThat(statements).hasSize(3);
        return statements;
    }

    /**
     * Npgsql 4.0 sends the three statements as one batch of Parse/Bind/Describe/Execute and one Sync,
     * asking for text results (AllResultTypesAreUnknown); later versions ask for binary. Both work.
     */
    @Test
    void npgsqlTypeLoadingIsAnsweredWithPostgresTypesInTextAndBinary() throws Exception {
        List<String> statements = npgsqlStatements();
        for (int format : new int[] {0, 1}) {
            try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
                for (String statement : statements) {
                    client.parse("", statement);
                    client.bind("", "", format);
                    client.describePortal("");
                    client.execute("", 0);
                }
                client.sync();
                List<RawClient.Message> messages = client.untilReady();
                assertThat(messages.stream().filter(m -> m.type() == 'E').map(m -> m.field('M'))).isEmpty();
                List<RawClient.Message> descriptions = messages.stream().filter(m -> m.type() == 'T').toList();
                assertThat(descriptions).hasSize(3);
                assertThat(descriptions.get(0).fields()).containsExactly("nspname:19", "typname:19", "oid:26",
                        "typrelid:26", "typbasetype:26", "type:18", "elemoid:26", "ord:23");
                List<String> types = new ArrayList<>();
                for (RawClient.Message row : messages) {
                    if (row.type() == 'D' && row.values().size() == 8) {
                        List<byte[]> values = row.values();
                        String oid = format == 1 ? String.valueOf(ByteBuffer.wrap(values.get(2)).getInt())
                                : new String(values.get(2), StandardCharsets.UTF_8);
                        types.add(new String(values.get(1), StandardCharsets.UTF_8) + "=" + oid + ":"
                                + new String(values.get(5), StandardCharsets.UTF_8));
                    }
                }
                // every type a RowDescription of the gateway can carry, with PostgreSQL's OIDs, and their arrays
                assertThat(types).contains("numeric=1700:b", "date=1082:b", "timestamp=1114:b", "timestamptz=1184:b",
                        "bool=16:b", "int4=23:b", "int8=20:b", "varchar=1043:b", "float8=701:b", "text=25:b",
                        "_int4=1007:a", "_varchar=1015:a", "record=2249:p", "void=2278:p");
                List<String> tags = messages.stream().filter(m -> m.type() == 'C').map(RawClient.Message::text).toList();
                assertThat(tags).hasSize(3);
                assertThat(tags.get(0)).startsWith("SELECT ");
            }
        }
    }

    @Test
    void executeWithARowLimitSuspendsThePortal() throws Exception {
        try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            client.parse("five", "SELECT range AS n FROM range(5)");
            client.bind("p", "five", 0);
            client.execute("p", 2);
            client.execute("p", 2);
            client.execute("p", 2);
            client.sync();
            List<Character> types = client.untilReady().stream().map(RawClient.Message::type).toList();
            // 1 ParseComplete, 2 BindComplete, 2 rows + s PortalSuspended, twice, then the last row and C, then Z
            assertThat(types).containsExactly('1', '2', 'D', 'D', 's', 'D', 'D', 's', 'D', 'C', 'Z');
        }
    }

    @Test
    void anErrorSkipsTheRestOfTheBatchUntilSync() throws Exception {
        try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            client.parse("", "SELECT 1; DROP TABLE kpi.kpi_values");
            client.bind("", "", 0);
            client.execute("", 0);
            client.sync();
            List<RawClient.Message> messages = client.untilReady();
            assertThat(messages).extracting(RawClient.Message::type).containsExactly('E', 'Z');
            assertThat(messages.get(0).field('C')).isEqualTo("42601");
            assertThat(messages.get(0).field('M')).isEqualTo("cannot insert multiple commands into a prepared statement");
            client.query("SELECT 'still here' AS state");
            assertThat(client.untilReady()).extracting(RawClient.Message::type).containsExactly('T', 'D', 'C', 'Z');
        }
    }

    @Test
    void aCancelRequestWithTheBackendKeyStopsTheQuery() throws Exception {
        try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            client.query("SELECT sum(range) FROM range(1000000000000)");
            Thread.sleep(300);
            RawClient.cancel(gateway.port(), client.processId, client.secretKey + 1);
            RawClient.cancel(gateway.port(), client.processId, client.secretKey);
            List<RawClient.Message> messages = client.untilReady();
            RawClient.Message error = messages.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
            assertThat(error.field('C')).isEqualTo("57014");
            assertThat(error.field('M')).isEqualTo("canceling statement due to user request");
        }
    }

    @Test
    void startupReportsTheSettingsClientsReadAndAnswersSimpleBatches() throws Exception {
        try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            client.query("SET DateStyle = 'ISO';SET extra_float_digits = 2;show transaction_isolation");
            List<RawClient.Message> messages = client.untilReady();
            assertThat(messages).extracting(RawClient.Message::type).containsExactly('C', 'C', 'T', 'D', 'C', 'Z');
            assertThat(new String(messages.get(3).values().get(0), StandardCharsets.UTF_8)).isEqualTo("read committed");
            client.query("BEGIN");
            assertThat(client.untilReady().get(1).body()[0]).isEqualTo((byte) 'T');
            client.query("SELECT * FROM no_such_table");
            assertThat(client.untilReady().get(1).body()[0]).isEqualTo((byte) 'E');
            client.query("SELECT 1");
            assertThat(client.untilReady().get(0).field('C')).isEqualTo("25P02");
            client.query("ROLLBACK");
            assertThat(client.untilReady().get(1).body()[0]).isEqualTo((byte) 'I');
        }
    }

    @Test
    void psqlOdbcsDeallocateRemovesANamedStatement() throws Exception {
        try (RawClient client = RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD)) {
            client.parse("_PLAN0x55d1c0a8", "SELECT kpi_id FROM dim.kpi LIMIT 1");
            client.sync();
            assertThat(client.untilReady()).extracting(RawClient.Message::type).containsExactly('1', 'Z');
            client.query("DEALLOCATE \"_PLAN0x55d1c0a8\"");
            assertThat(client.untilReady().get(0).text()).isEqualTo("DEALLOCATE\0");
            client.bind("", "_PLAN0x55d1c0a8", 0);
            client.sync();
            RawClient.Message error = client.untilReady().get(0);
            assertThat(error.field('C')).isEqualTo("26000");
        }
    }
}
