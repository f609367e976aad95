package se.nyckeltal.warehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken client must not do to the gateway, at the protocol level with a raw
 * socket: malformed messages end in a protocol violation (never an internal error), a slow start-up
 * is bounded as a whole, nothing large is buffered before login, every connection counts, and
 * password guessing is slowed and then locked out.
 */
class GatewayHostileClientTest {
    private static final int MAX_CONNECTIONS = 6;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_FAILURES = 3;
    private static final Duration LOCKOUT = Duration.ofSeconds(3);
    private static final long BUFFER_LIMIT = 1024 * 1024;

    @TempDir
    static Path dir;

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(dir, config -> config.withMaxConnections(MAX_CONNECTIONS)
                .withGuards(new GatewayConfig.Guards(STARTUP_TIMEOUT, MAX_FAILURES, LOCKOUT, BUFFER_LIMIT)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static RawClient login() throws Exception {
        return RawClient.connect(gateway.port(), GatewayFixture.USER, GatewayFixture.PASSWORD);
    }

    private static byte[] message(char type, byte[] body) {
        ByteBuffer buffer = ByteBuffer.allocate(body.length + 5);
        buffer.put((byte) type).putInt(body.length + 4).put(body);
        return buffer.array();
    }

    private static void assertProtocolViolationAndClose(RawClient client) throws Exception {
        RawClient.Message error = client.read();
        assertThat(error.type()).isEqualTo('E');
        assertThat(error.field('S')).isEqualTo("FATAL");
        assertThat(error.field('C')).isEqualTo("08P01");
        assertThat(error.field('M')).doesNotContain("Exception").doesNotContain("java.");
        assertThat(client.closedByServerWithin(5_000)).isTrue();
    }

    @Test
    void aSaslInitialResponseWithLengthMinusOneIsAProtocolViolation() throws Exception {
        try (RawClient client = RawClient.unstarted(gateway.port())) {
            client.sendStartupPacket(GatewayFixture.USER);
            assertThat(client.read().type()).isEqualTo('R'); // AuthenticationSASL
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("SCRAM-SHA-256\0".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            client.raw(message('p', body.toByteArray()));
            assertProtocolViolationAndClose(client);
        }
    }

    @Test
    void aParseWithANegativeParameterCountIsAProtocolViolation() throws Exception {
        try (RawClient client = login()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("\0SELECT 1\0".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(ByteBuffer.allocate(2).putShort((short) -3).array());
            client.raw(message('P', body.toByteArray()));
            assertProtocolViolationAndClose(client);
        }
    }

    @Test
    void aBindDeclaringMoreParametersThanItCarriesIsAProtocolViolation() throws Exception {
        try (RawClient client = login()) {
            client.parse("", "SELECT 1");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("\0\0".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(ByteBuffer.allocate(4).putShort((short) 0).putShort((short) 30_000).array());
            client.raw(message('B', body.toByteArray()));
            client.sync();
            assertThat(client.read().type()).isEqualTo('1'); // ParseComplete
            assertProtocolViolationAndClose(client);
        }
    }

    @Test
    void aLargeMessageBeforeLoginIsRefusedWithoutBeingRead() throws Exception {
        try (RawClient client = RawClient.unstarted(gateway.port())) {
            client.sendStartupPacket(GatewayFixture.USER);
            assertThat(client.read().type()).isEqualTo('R');
            // declares 67 MB, sends none of it: the server must not wait for (or allocate) the body
            client.raw(ByteBuffer.allocate(5).put((byte) 'p').putInt(67_000_000).array());
            assertProtocolViolationAndClose(client);
        }
    }

    @Test
    void aStartUpSentOneByteAtATimeIsClosedAtTheDeadline() throws Exception {
        try (RawClient client = RawClient.unstarted(gateway.port())) {
            byte[] startup = ByteBuffer.allocate(8).putInt(100).putInt(196608).array();
            long started = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    client.raw(new byte[] {startup[i % startup.length]});
                    closed = client.closedByServerWithin(400);
                } catch (java.io.IOException e) {
                    closed = true;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(closed).as("connection closed by the server").isTrue();
            // every single read came well within the timeout; only a whole-handshake deadline ends it
            assertThat(took).isGreaterThanOrEqualTo(STARTUP_TIMEOUT.minusMillis(100))
                    .isLessThan(STARTUP_TIMEOUT.multipliedBy(4));
        }
    }

    @Test
    void connectionsThatNeverLogInCountAgainstTheLimit() throws Exception {
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                idle.add(RawClient.unstarted(gateway.port()));
            }
            waitForOpenConnections(MAX_CONNECTIONS);
            try (RawClient refused = RawClient.unstarted(gateway.port())) {
                refused.sendStartupPacket(GatewayFixture.USER);
                RawClient.Message error = refused.read();
                assertThat(error.field('C')).isEqualTo("53300");
                assertThat(error.field('M')).isEqualTo("sorry, too many clients already");
            }
        } finally {
            for (RawClient client : idle) {
                client.socket().close();
            }
        }
        waitForOpenConnections(0);
        try (RawClient client = login()) {
            client.query("SELECT setting FROM pg_settings WHERE name = 'max_connections'");
            List<RawClient.Message> messages = client.untilReady();
            assertThat(messages.stream().filter(m -> m.type() == 'D').map(m -> new String(m.values().get(0),
                    StandardCharsets.UTF_8))).containsExactly(String.valueOf(MAX_CONNECTIONS));
        }
    }

    @Test
    void messagesOfAllConnectionsTogetherAreBoundedByTheBufferLimit() throws Exception {
        try (RawClient first = login(); RawClient second = login()) {
            int size = (int) (BUFFER_LIMIT * 6 / 10);
            byte[] sql = (" ".repeat(size - 10) + "SELECT 42\0").getBytes(StandardCharsets.UTF_8);
            byte[] whole = message('Q', sql);
            // the first client's large query is on its way: reserved, half sent
            first.raw(java.util.Arrays.copyOf(whole, whole.length / 2));
            Thread.sleep(300);
            // the second is refused after its header; it is still writing when the refusal comes, and
            // must get the reason, not a reset connection (the server drains before it closes)
            byte[] refused = message('Q', sql);
            second.raw(java.util.Arrays.copyOf(refused, 5));
            Thread.sleep(300);
            second.raw(java.util.Arrays.copyOfRange(refused, 5, refused.length));
            RawClient.Message error = second.read();
            assertThat(error.field('C')).isEqualTo("53200");
            assertThat(error.field('M')).contains("connections.buffer_limit");
            first.raw(java.util.Arrays.copyOfRange(whole, whole.length / 2, whole.length));
            List<RawClient.Message> answer = first.untilReady();
            assertThat(answer.stream().filter(m -> m.type() == 'D').map(m -> new String(m.values().get(0),
                    StandardCharsets.UTF_8))).containsExactly("42");
        }
    }

    @Test
    void theServersFilePathsAreNotShown() throws Exception {
        try (RawClient client = login()) {
            client.query("SELECT path FROM duckdb_databases()");
            List<RawClient.Message> messages = client.untilReady();
            RawClient.Message error = messages.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
            assertThat(error.field('C')).isEqualTo("42501");
            assertThat(messages.stream().map(RawClient.Message::text))
                    .noneMatch(text -> text.contains(dir.toString()));
        }
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownThenLockedOut() throws Exception {
        long[] millis = new long[MAX_FAILURES];
        for (int i = 0; i < MAX_FAILURES; i++) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> RawClient.connect(gateway.port(), GatewayFixture.USER, "wrong"))
                    .hasMessageContaining("28P01");
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        // back-off doubles: 100 ms, 200 ms, 400 ms before each answer
        assertThat(millis[1]).isGreaterThanOrEqualTo(200);
        assertThat(millis[2]).isGreaterThanOrEqualTo(400);
        // locked: even the right password is refused, without a password exchange
        assertThatThrownBy(RawClientLogin::rightPassword).hasMessageContaining("28000")
                .hasMessageContaining("too many failed logins");
        Thread.sleep(LOCKOUT.toMillis() + 200);
        try (RawClient client = login()) {
            client.query("SELECT 1");
            assertThat(client.untilReady()).extracting(RawClient.Message::type).contains('D');
        }
    }

    private static final class RawClientLogin {
        static void rightPassword() throws Exception {
            login().close();
        }
    }

    private static void waitForOpenConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gateway.server.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gateway.server.openConnections()).isEqualTo(expected);
    }
}
