package se.nyckeltal.warehouse.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.warehouse.gateway.auth.AuthenticationException;
import se.nyckeltal.warehouse.gateway.auth.ScramExchange;
import se.nyckeltal.warehouse.gateway.wire.FrontendMessage;
import se.nyckeltal.warehouse.gateway.wire.MessageReader;
import se.nyckeltal.warehouse.gateway.wire.MessageWriter;
import se.nyckeltal.warehouse.gateway.wire.PgError;
import se.nyckeltal.warehouse.gateway.wire.ProtocolException;

/**
 * A connection's start-up (https://www.postgresql.org/docs/15/protocol-flow.html#id-1.10.6.7.3):
 * SSLRequest (and GSSENCRequest, always declined), the start-up packet or a CancelRequest, the
 * protocol version, and SCRAM-SHA-256 authentication (or loopback-only trust with
 * --insecure-local). What comes after authentication — admission, settings, ParameterStatus — is the
 * session's.
 */
final class StartupHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(StartupHandshake.class);

    static final int PROTOCOL_3_0 = 196608;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    /**
     * An authenticated client.
     *
     * @param socket the connection, wrapped in TLS if the client asked for it
     * @param parameters the start-up parameters in the order sent (user, database, options …)
     */
    record Client(Socket socket, MessageReader in, MessageWriter out, String user, Map<String, String> parameters,
            int protocol) {}

    private final GatewayServer server;
    private Socket socket;
    private MessageReader in;
    private MessageWriter out;

    StartupHandshake(GatewayServer server, Socket socket, MessageReader in, MessageWriter out) {
        this.server = server;
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** The connection as far as it got (TLS-wrapped once negotiated), for reporting a failure. */
    MessageWriter out() {
        return out;
    }

    Socket socket() {
        return socket;
    }

    MessageReader in() {
        return in;
    }

    /**
     * @return the authenticated client, or null when the connection was a CancelRequest (handled)
     * @throws PgError (fatal) for a refused start-up or login
     */
    Client run() throws IOException {
        // a client gets this long for the whole start-up and authentication (PostgreSQL's
        // authentication_timeout): a deadline that closes the socket, since a per-read timeout lets a
        // client that sends one byte at a time stay for ever
        Duration timeout = server.config().guards().startupTimeout();
        AtomicBoolean timedOut = new AtomicBoolean();
        Socket plain = socket;
        ScheduledFuture<?> deadline = server.timer().schedule(() -> {
            timedOut.set(true);
            LOG.warn("start-up from {} did not finish within {}; connection closed",
                    plain.getInetAddress().getHostAddress(), timeout);
            try {
                plain.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            Client client = handshake();
            if (client != null) {
                socket.setSoTimeout(0);
            }
            return client;
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new IOException("start-up timed out after " + timeout, e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private Client handshake() throws IOException {
        FrontendMessage startup = in.readStartup();
        int code = startup.readInt();
        while (code == SSL_REQUEST || code == GSSENC_REQUEST) {
            if (code == SSL_REQUEST && server.tls() != null && !(socket instanceof SSLSocket)) {
                out.rawByte('S');
                SSLSocket tls = (SSLSocket) server.tls().getSocketFactory()
                        .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                socket = tls;
                in.close();
                in = new MessageReader(tls.getInputStream(), server.buffers());
                out = new MessageWriter(tls.getOutputStream());
            } else {
                out.rawByte('N');
            }
            startup = in.readStartup();
            code = startup.readInt();
        }
        if (code == CANCEL_REQUEST) {
            server.cancel(startup.readInt(), startup.readInt());
            return null;
        }
        if (code >> 16 != 3) {
            throw PgError.fatal(PgError.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol " + (code >> 16) + "."
                    + (code & 0xFFFF) + ": server supports 3.0");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (startup.remaining() > 1) {
            String name = startup.readCString();
            parameters.put(name, startup.readCString());
        }
        String user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "no PostgreSQL user name specified in startup packet");
        }
        if (parameters.containsKey("replication") && !"false".equalsIgnoreCase(parameters.get("replication"))) {
            throw PgError.fatal(PgError.INSUFFICIENT_PRIVILEGE, "replication connections are not served");
        }
        if (server.config().tlsRequired() && !(socket instanceof SSLSocket)) {
            throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "the nyckeltal gateway requires TLS; connect with sslmode=require");
        }
        authenticate(user);
        if (code != PROTOCOL_3_0) {
            // a newer 3.x client: tell it we speak 3.0 (NegotiateProtocolVersion is not needed for 3.0 clients)
            LOG.debug("client asked for protocol 3.{}; answering as 3.0", code & 0xFFFF);
        }
        return new Client(socket, in, out, user, parameters, code);
    }

    private void authenticate(String user) throws IOException {
        if (server.config().insecureLocal()) {
            InetAddress address = socket.getInetAddress();
            if (!address.isLoopbackAddress()) {
                throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "--insecure-local serves loopback clients only");
            }
            return;
        }
        String address = socket.getInetAddress().getHostAddress();
        Optional<Duration> locked = server.logins().lockedFor(user, address);
        if (locked.isPresent()) {
            LOG.warn("login refused for user {} from {}: locked for {} more s after repeated failures", user, address,
                    locked.get().toSeconds() + 1);
            throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "too many failed logins for user \"" + user
                    + "\" or from this address; try again in " + (locked.get().toSeconds() + 1) + " s");
        }
        ScramExchange exchange = new ScramExchange(server.users().verifier(user).orElse(null), user, server.mockSecret());
        out.authenticationSasl("SCRAM-SHA-256");
        out.flush();
        try {
            FrontendMessage initial = expectPassword();
            String mechanism = initial.readCString();
            if (!mechanism.equals("SCRAM-SHA-256")) {
                throw new AuthenticationException("SASL mechanism " + mechanism + " is not supported");
            }
            int length = initial.readLength("SASL initial response");
            String clientFirst = new String(initial.readBytes(length), StandardCharsets.UTF_8);
            out.authenticationSaslContinue(exchange.serverFirst(clientFirst));
            out.flush();
            FrontendMessage response = expectPassword();
            String clientFinal = new String(response.readRest(), StandardCharsets.UTF_8);
            out.authenticationSaslFinal(exchange.serverFinal(clientFinal));
            server.logins().succeeded(user, address);
        } catch (AuthenticationException e) {
            Duration backoff = server.logins().failed(user, address);
            LOG.warn("authentication failed for user {} from {}: {} (answered after {} ms)", user, address,
                    e.getMessage(), backoff.toMillis());
            pause(backoff);
            throw PgError.fatal(PgError.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
        }
    }

    private static void pause(Duration backoff) throws IOException {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during login back-off", e);
        }
    }

    private FrontendMessage expectPassword() throws IOException {
        FrontendMessage message = in.read(MessageReader.MAX_BEFORE_LOGIN);
        if (message == null) {
            throw new IOException("client closed the connection during authentication");
        }
        if (message.type() != 'p') {
            throw new ProtocolException("expected a password message, got '" + message.type() + "'");
        }
        return message;
    }

    /** The start-up "options" parameter: "-c name=value" and "--name=value" pairs, as PostgreSQL reads them. */
    static Map<String, String> options(String options) {
        Map<String, String> settings = new LinkedHashMap<>();
        String[] words = options.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String setting = null;
            if (words[i].equals("-c") && i + 1 < words.length) {
                setting = words[++i];
            } else if (words[i].startsWith("-c")) {
                setting = words[i].substring(2);
            } else if (words[i].startsWith("--")) {
                setting = words[i].substring(2);
            }
            int equals = setting == null ? -1 : setting.indexOf('=');
            if (equals > 0) {
                settings.put(setting.substring(0, equals).replace('-', '_'), setting.substring(equals + 1));
            }
        }
        return settings;
    }
}
