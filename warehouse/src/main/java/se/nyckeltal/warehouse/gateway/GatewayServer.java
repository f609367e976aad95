package se.nyckeltal.warehouse.gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.gateway.auth.LoginThrottle;
import se.nyckeltal.warehouse.gateway.auth.UserFile;
import se.nyckeltal.warehouse.gateway.wire.BufferBudget;
import se.nyckeltal.warehouse.gateway.wire.MessageWriter;
import se.nyckeltal.warehouse.gateway.wire.PgError;

/**
 * The SQL gateway: serves a warehouse's published catalogue to PostgreSQL clients (psql, pgjdbc,
 * psqlODBC, Npgsql inside Power BI) read-only. One thread per connection; every statement is bounded
 * by the configured timeout and row cap, and DuckDB by its memory limit and thread count.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final UserFile users;
    private final SSLContext tls;
    private final LiveCatalogue catalogue;
    private final ServerSocket listener;
    private final ExecutorService sessions;
    private final ScheduledExecutorService timer;
    /** Answers connections beyond the limit: two threads at most, a short queue, the rest just closed. */
    private final java.util.concurrent.ThreadPoolExecutor refusals;
    private final Map<Integer, ClientSession> bySessionId = new ConcurrentHashMap<>();
    /** Every open connection, authenticated or not, counts against connections.max. */
    private final AtomicInteger open = new AtomicInteger();
    private final BufferBudget buffers;
    private final LoginThrottle logins;
    private final SecureRandom random = new SecureRandom();
    private final byte[] mockSecret = new byte[32];
    private final Thread acceptor;
    private volatile boolean closed;

    private GatewayServer(GatewayConfig config, UserFile users, SSLContext tls, LiveCatalogue catalogue,
            ServerSocket listener) {
        this.config = config;
        this.users = users;
        this.tls = tls;
        this.catalogue = catalogue;
        this.listener = listener;
        random.nextBytes(mockSecret);
        this.buffers = new BufferBudget(config.guards().bufferLimit());
        this.logins = new LoginThrottle(config.guards().maxFailedLogins(), config.guards().lockout(), Clock.systemUTC());
        AtomicInteger threads = new AtomicInteger();
        this.sessions = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gateway-session-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        this.refusals = new java.util.concurrent.ThreadPoolExecutor(0, 2, 10, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(32), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-refusals");
                    thread.setDaemon(true);
                    return thread;
                }, (task, executor) -> ((Refusal) task).drop());
        this.acceptor = new Thread(this::accept, "gateway-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Opens the published catalogue and starts listening.
     *
     * @throws IllegalStateException when nothing is published or no user is configured
     * @throws IOException when the port cannot be bound
     */
    public static GatewayServer start(WarehouseLayout layout, GatewayConfig config) throws IOException, SQLException {
        requireNonNull(layout, "layout");
        requireNonNull(config, "config");
        UserFile users = null;
        if (!config.insecureLocal()) {
            if (config.usersFile() == null) {
                throw new IllegalStateException("no users file configured; add a user with"
                        + " 'nyckeltal users add --users FILE NAME' and pass --users FILE (or 'users = FILE' in --config)");
            }
            users = UserFile.load(config.usersFile());
            if (users.size() == 0) {
                throw new IllegalStateException("the users file " + config.usersFile() + " has no users; add one with"
                        + " 'nyckeltal users add --users " + config.usersFile() + " NAME'");
            }
        }
        SSLContext tls = config.tlsCertificate() == null ? null : TlsContext.load(config.tlsCertificate(), config.tlsKey());
        LiveCatalogue catalogue = LiveCatalogue.open(layout, config);
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
        } catch (IOException e) {
            catalogue.close();
            listener.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        GatewayServer server = new GatewayServer(config, users, tls, catalogue, listener);
        server.acceptor.start();
        LOG.info("listening on {}:{} ({}{})", config.host(), server.port(), tls == null ? "no TLS" : "TLS",
                config.insecureLocal() ? ", INSECURE: loopback clients without password" : ", SCRAM-SHA-256");
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public LiveCatalogue catalogue() {
        return catalogue;
    }

    GatewayConfig config() {
        return config;
    }

    UserFile users() {
        return users;
    }

    SSLContext tls() {
        return tls;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    byte[] mockSecret() {
        return mockSecret;
    }

    BufferBudget buffers() {
        return buffers;
    }

    LoginThrottle logins() {
        return logins;
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (!closed) {
                    LOG.warn("listener failed: {}", e.toString());
                }
                return;
            } catch (IOException e) {
                LOG.warn("accept failed: {}", e.toString());
                continue;
            }
            if (open.incrementAndGet() > config.maxConnections()) {
                open.decrementAndGet();
                refuse(socket);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                ClientSession session = newSession(socket);
                sessions.execute(session);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot start a session: {}", e.toString());
                open.decrementAndGet();
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private ClientSession newSession(Socket socket) throws IOException {
        while (true) {
            int processId = random.nextInt(Integer.MAX_VALUE - 1) + 1;
            ClientSession session = new ClientSession(this, socket, processId, random.nextInt());
            if (bySessionId.putIfAbsent(processId, session) == null) {
                return session;
            }
        }
    }

    /**
     * A connection beyond connections.max never gets a session thread. Like PostgreSQL it is answered
     * "too many clients" after its start-up packet (a client that is still writing would otherwise
     * see a broken pipe, not the reason), by one of two refusal threads that give it a second; when
     * those are busy it is closed at once.
     */
    private void refuse(Socket socket) {
        LOG.warn("refused a connection from {}: {} connections open (connections.max)",
                socket.getInetAddress().getHostAddress(), config.maxConnections());
        refusals.execute(new Refusal(socket));
    }

    private static final class Refusal implements Runnable {
        private final Socket socket;

        Refusal(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            try (socket) {
                socket.setSoTimeout(1_000);
                java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
                MessageWriter out = new MessageWriter(socket.getOutputStream());
                int length = in.readInt();
                int code = in.readInt();
                if (code == 80877103 && length == 8) { // SSLRequest: no TLS for a refusal, then the start-up packet
                    out.rawByte('N');
                    out.flush();
                    length = in.readInt();
                    in.readInt();
                }
                in.skipNBytes(Math.max(0, Math.min(length, 10_000) - 8));
                out.error(PgError.fatal(PgError.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
                out.flush();
            } catch (IOException e) {
                LOG.debug("refusing a connection: {}", e.toString());
            }
        }

        void drop() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // dropping is all we wanted
            }
        }
    }

    /** Open connections, authenticated or not. */
    int openConnections() {
        return open.get();
    }

    void ended(ClientSession session) {
        bySessionId.remove(session.processId(), session);
        open.decrementAndGet();
    }

    /** A CancelRequest: cancels the session's running statement when the key matches. */
    void cancel(int processId, int secretKey) {
        ClientSession session = bySessionId.get(processId);
        if (session != null && MessageDigest.isEqual(bytes(session.secretKey()), bytes(secretKey))) {
            LOG.info("cancel request for session {}", processId);
            session.cancel();
        }
    }

    private static byte[] bytes(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener: {}", e.toString());
        }
        bySessionId.values().forEach(ClientSession::shutdown);
        sessions.shutdownNow();
        refusals.shutdownNow();
        timer.shutdownNow();
        catalogue.close();
    }
}
