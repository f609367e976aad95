package se.nyckeltal.warehouse.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.warehouse.gateway.auth.AuthenticationException;
import se.nyckeltal.warehouse.gateway.auth.ScramExchange;
import se.nyckeltal.warehouse.gateway.sql.DuckDbErrors;
import se.nyckeltal.warehouse.gateway.sql.FixedResult;
import se.nyckeltal.warehouse.gateway.sql.NpgsqlTypeLoading;
import se.nyckeltal.warehouse.gateway.sql.PgDialect;
import se.nyckeltal.warehouse.gateway.sql.ReadOnlyGate;
import se.nyckeltal.warehouse.gateway.sql.ServerSettings;
import se.nyckeltal.warehouse.gateway.sql.SessionSettings;
import se.nyckeltal.warehouse.gateway.sql.SqlText;
import se.nyckeltal.warehouse.gateway.sql.StatementKind;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.FrontendMessage;
import se.nyckeltal.warehouse.gateway.wire.MessageReader;
import se.nyckeltal.warehouse.gateway.wire.MessageWriter;
import se.nyckeltal.warehouse.gateway.wire.ParameterCodec;
import se.nyckeltal.warehouse.gateway.wire.PgError;
import se.nyckeltal.warehouse.gateway.wire.PgType;
import se.nyckeltal.warehouse.gateway.wire.ProtocolException;
import se.nyckeltal.warehouse.gateway.wire.ValueCodec;

/**
 * One client connection, PostgreSQL protocol 3.0 (https://www.postgresql.org/docs/15/protocol-flow.html):
 * start-up with SSLRequest and SCRAM-SHA-256, then simple queries (several statements in one string,
 * each answered in turn) and the extended protocol (Parse, Bind, Describe, Execute with row limits,
 * Close, Flush, Sync; named and unnamed statements and portals). Between statements, outside a
 * transaction block and with no portal open, the session moves to the newest published snapshot.
 */
final class ClientSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private static final int PROTOCOL_3_0 = 196608;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int STARTUP_TIMEOUT_MS = 60_000;

    private final GatewayServer server;
    private Socket socket;
    private MessageReader in;
    private MessageWriter out;
    private final int processId;
    private final int secretKey;
    private final SessionSettings settings = new SessionSettings();
    private final Cancellation cancellation = new Cancellation();
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new LinkedHashMap<>();
    private String user = "";
    private volatile boolean admitted;
    private char transaction = 'I';
    private SnapshotDatabase.Lease lease;
    private DuckDBConnection snapshot;
    private DuckDBConnection catalog;

    ClientSession(GatewayServer server, Socket socket, int processId, int secretKey) throws IOException {
        this.server = server;
        this.socket = socket;
        this.processId = processId;
        this.secretKey = secretKey;
        this.in = new MessageReader(socket.getInputStream());
        this.out = new MessageWriter(socket.getOutputStream());
    }

    int processId() {
        return processId;
    }

    int secretKey() {
        return secretKey;
    }

    boolean admittedFlag() {
        return admitted;
    }

    /** Ends the connection from outside (server shutdown). */
    void shutdown() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** A CancelRequest for this session arrived. */
    void cancel() {
        cancellation.cancel(Cancellation.Reason.USER);
    }

    @Override
    public void run() {
        try {
            if (startup()) {
                serve();
            }
        } catch (PgError e) {
            tryToSend(e);
        } catch (ProtocolException e) {
            tryToSend(PgError.fatal(PgError.PROTOCOL_VIOLATION, e.getMessage()));
        } catch (IOException e) {
            LOG.debug("connection {} ended: {}", processId, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("session {} failed", processId, e);
            tryToSend(PgError.fatal(PgError.INTERNAL_ERROR, "internal error: " + e));
        } finally {
            closeResources();
            server.ended(this);
        }
    }

    private void tryToSend(PgError error) {
        try {
            out.error(error.isFatal() ? error : PgError.fatal(error.sqlState(), error.getMessage()));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    // ---------------------------------------------------------------- start-up

    private boolean startup() throws IOException {
        // a client gets this long to start up and authenticate (PostgreSQL's authentication_timeout)
        socket.setSoTimeout(STARTUP_TIMEOUT_MS);
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
                in = new MessageReader(tls.getInputStream());
                out = new MessageWriter(tls.getOutputStream());
            } else {
                out.rawByte('N');
            }
            startup = in.readStartup();
            code = startup.readInt();
        }
        if (code == CANCEL_REQUEST) {
            server.cancel(startup.readInt(), startup.readInt());
            return false;
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
        user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "no PostgreSQL user name specified in startup packet");
        }
        if (parameters.containsKey("replication") && !"false".equalsIgnoreCase(parameters.get("replication"))) {
            throw PgError.fatal(PgError.INSUFFICIENT_PRIVILEGE, "replication connections are not served");
        }
        if (server.config().tlsRequired() && !(socket instanceof SSLSocket)) {
            throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "the nyckeltal gateway requires TLS; connect with sslmode=require");
        }
        authenticate();
        if (!server.admit(this)) {
            throw PgError.fatal(PgError.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        admitted = true;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getKey().equals("options")) {
                startupOptions(parameter.getValue());
            } else if (!parameter.getKey().equals("user") && !parameter.getKey().equals("database")) {
                try {
                    settings.startup(parameter.getKey(), parameter.getValue());
                } catch (PgError e) {
                    throw PgError.fatal(e.sqlState(), e.getMessage());
                }
            }
        }
        if (code != PROTOCOL_3_0) {
            // a newer 3.x client: tell it we speak 3.0 (NegotiateProtocolVersion is not needed for 3.0 clients)
            LOG.debug("client asked for protocol 3.{}; answering as 3.0", code & 0xFFFF);
        }
        socket.setSoTimeout(0);
        openConnections();
        applySearchPath();
        out.authenticationOk();
        for (String name : ServerSettings.REPORTED) {
            out.parameterStatus(name, settings.get(name));
        }
        out.backendKeyData(processId, secretKey);
        out.readyForQuery(transaction);
        out.flush();
        LOG.info("session {}: user {} from {} ({}), snapshot {}", processId, user, socket.getInetAddress().getHostAddress(),
                settings.get("application_name"), lease.database().snapshotId());
        return true;
    }

    /** The start-up "options" parameter: "-c name=value" and "--name=value" pairs, as PostgreSQL reads them. */
    private void startupOptions(String options) {
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
                settings.startup(setting.substring(0, equals).replace('-', '_'), setting.substring(equals + 1));
            }
        }
    }

    private void authenticate() throws IOException {
        if (server.config().insecureLocal()) {
            InetAddress address = socket.getInetAddress();
            if (!address.isLoopbackAddress()) {
                throw PgError.fatal(PgError.INVALID_AUTHORIZATION, "--insecure-local serves loopback clients only");
            }
            return;
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
            int length = initial.readInt();
            String clientFirst = new String(initial.readBytes(length), StandardCharsets.UTF_8);
            out.authenticationSaslContinue(exchange.serverFirst(clientFirst));
            out.flush();
            FrontendMessage response = expectPassword();
            String clientFinal = new String(response.readRest(), StandardCharsets.UTF_8);
            out.authenticationSaslFinal(exchange.serverFinal(clientFinal));
        } catch (AuthenticationException e) {
            LOG.warn("authentication failed for user {} from {}: {}", user, socket.getInetAddress().getHostAddress(),
                    e.getMessage());
            throw PgError.fatal(PgError.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
        }
    }

    private FrontendMessage expectPassword() throws IOException {
        FrontendMessage message = in.read();
        if (message == null) {
            throw new IOException("client closed the connection during authentication");
        }
        if (message.type() != 'p') {
            throw new ProtocolException("expected a password message, got '" + message.type() + "'");
        }
        return message;
    }

    // ---------------------------------------------------------------- message loop

    private void serve() throws IOException {
        boolean skipToSync = false;
        while (true) {
            FrontendMessage message = in.read();
            if (message == null || message.type() == 'X') {
                return;
            }
            if (skipToSync && message.type() != 'S') {
                continue;
            }
            try {
                switch (message.type()) {
                    case 'Q' -> simpleQuery(message.readCString());
                    case 'P' -> parse(message);
                    case 'B' -> bind(message);
                    case 'D' -> describe(message);
                    case 'E' -> execute(message);
                    case 'C' -> close(message);
                    case 'H' -> out.flush();
                    case 'S' -> {
                        skipToSync = false;
                        sync();
                    }
                    case 'p' -> throw new ProtocolException("unexpected password message");
                    case 'F' -> throw new PgError(PgError.FEATURE_NOT_SUPPORTED, "function calls are not supported");
                    case 'd', 'c', 'f' -> throw new PgError(PgError.FEATURE_NOT_SUPPORTED, "COPY is not supported");
                    default -> throw new ProtocolException("invalid frontend message type '" + message.type() + "'");
                }
            } catch (PgError e) {
                if (e.isFatal()) {
                    throw e;
                }
                LOG.debug("session {}: {} {}", processId, e.sqlState(), e.getMessage());
                out.error(e);
                failTransaction();
                if (message.type() == 'Q') {
                    out.readyForQuery(transaction);
                    out.flush();
                } else {
                    skipToSync = true;
                }
            }
        }
    }

    private void failTransaction() {
        if (transaction == 'T') {
            transaction = 'E';
        }
    }

    private void sync() throws IOException {
        if (transaction == 'I') {
            closePortals();
        }
        out.readyForQuery(transaction);
        out.flush();
    }

    // ---------------------------------------------------------------- simple query

    private void simpleQuery(String sql) throws IOException {
        List<String> parts = SqlText.split(sql);
        if (parts.isEmpty()) {
            out.emptyQueryResponse();
        }
        for (String part : parts) {
            Prepared prepared = prepare(part, new int[0]);
            Portal portal = new Portal(prepared, new Object[0], new short[0]);
            try {
                if (prepared.plan.returnsRows()) {
                    out.rowDescription(fields(portal));
                }
                run(portal, 0);
            } finally {
                portal.close();
                prepared.close();
            }
        }
        if (transaction == 'I') {
            closePortals();
        }
        out.readyForQuery(transaction);
        out.flush();
    }

    // ---------------------------------------------------------------- extended query

    private void parse(FrontendMessage message) throws IOException {
        String name = message.readCString();
        String sql = message.readCString();
        int count = message.readShort();
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = message.readInt();
        }
        if (SqlText.split(sql).size() > 1) {
            throw new PgError(PgError.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgError(PgError.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        Prepared replaced = statements.put(name, prepare(sql, types));
        if (replaced != null) {
            replaced.close();
        }
        out.parseComplete();
    }

    private void bind(FrontendMessage message) throws IOException {
        String portalName = message.readCString();
        String statementName = message.readCString();
        Prepared prepared = statements.get(statementName);
        if (prepared == null) {
            throw new PgError(PgError.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + statementName + "\" does not exist");
        }
        short[] formats = new short[message.readShort()];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = message.readShort();
        }
        int count = message.readShort();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(message.readBytes(message.readInt()));
        }
        short[] resultFormats = new short[message.readShort()];
        for (int i = 0; i < resultFormats.length; i++) {
            resultFormats[i] = message.readShort();
        }
        int expected = prepared.parameterTypes(this).length;
        if (count != expected) {
            throw new PgError(PgError.PROTOCOL_VIOLATION, "bind message supplies " + count
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + expected);
        }
        int[] types = prepared.parameterTypes(this);
        Object[] parameters = new Object[count];
        for (int i = 0; i < count; i++) {
            int format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
            try {
                parameters[i] = ParameterCodec.decode(values.get(i), format, types[i]);
            } catch (IllegalArgumentException e) {
                throw new PgError(PgError.INVALID_TEXT_REPRESENTATION, e.getMessage());
            }
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new PgError(PgError.DUPLICATE_CURSOR, "portal \"" + portalName + "\" already exists");
        }
        Portal old = portals.put(portalName, new Portal(prepared, parameters, resultFormats));
        if (old != null) {
            old.close();
        }
        out.bindComplete();
    }

    private void describe(FrontendMessage message) throws IOException {
        char what = (char) message.readByte();
        String name = message.readCString();
        if (what == 'S') {
            Prepared prepared = statements.get(name);
            if (prepared == null) {
                throw new PgError(PgError.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
            }
            out.parameterDescription(prepared.parameterTypes(this));
            List<MessageWriter.Field> fields = prepared.plan.returnsRows() ? prepared.describeColumns(this) : null;
            if (fields == null) {
                out.noData();
            } else {
                out.rowDescription(fields);
            }
        } else if (what == 'P') {
            Portal portal = portal(name);
            if (portal.prepared.plan.returnsRows()) {
                out.rowDescription(fields(portal));
            } else {
                out.noData();
            }
        } else {
            throw new ProtocolException("invalid DESCRIBE message subtype " + what);
        }
    }

    private void execute(FrontendMessage message) throws IOException {
        String name = message.readCString();
        int maxRows = message.readInt();
        Portal portal = portal(name);
        run(portal, Math.max(maxRows, 0));
    }

    private void close(FrontendMessage message) throws IOException {
        char what = (char) message.readByte();
        String name = message.readCString();
        if (what == 'S') {
            Prepared removed = statements.remove(name);
            if (removed != null) {
                removed.close();
            }
        } else if (what == 'P') {
            Portal portal = portals.remove(name);
            if (portal != null) {
                portal.close();
            }
        } else {
            throw new ProtocolException("invalid CLOSE message subtype " + what);
        }
        out.closeComplete();
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new PgError(PgError.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private void closePortals() {
        for (Portal portal : portals.values()) {
            portal.close();
        }
        portals.clear();
    }

    // ---------------------------------------------------------------- planning

    private Prepared prepare(String sql, int[] parameterTypes) {
        StatementKind kind = StatementKind.of(sql);
        if (transaction == 'E' && kind != StatementKind.ROLLBACK && kind != StatementKind.COMMIT) {
            throw new PgError(PgError.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (transaction == 'I' && portals.isEmpty()) {
            refreshSnapshot();
        }
        return new Prepared(plan(kind, sql), parameterTypes);
    }

    private QueryPlan plan(StatementKind kind, String sql) {
        try {
            switch (kind) {
                case QUERY -> {
                    var canned = NpgsqlTypeLoading.answer(sql);
                    if (canned.isPresent()) {
                        return new QueryPlan(kind, QueryPlan.Target.FIXED, sql, null, canned.get());
                    }
                    if (PgDialect.isCatalogQuery(sql)) {
                        String rewritten = sessionValues(PgDialect.rewrite(sql));
                        String checked = ReadOnlyGate.requireSelect(catalog, rewritten);
                        return new QueryPlan(kind, QueryPlan.Target.CATALOG, sql, checked, null);
                    }
                    return new QueryPlan(kind, QueryPlan.Target.SNAPSHOT, sql, ReadOnlyGate.requireSelect(snapshot, sql), null);
                }
                case EXPLAIN -> {
                    String inner = explained(sql);
                    String checked = ReadOnlyGate.requireSelect(snapshot, inner);
                    boolean analyze = SqlText.words(sql, 2).contains("ANALYZE")
                            || sql.toUpperCase(Locale.ROOT).matches("(?s)\\s*EXPLAIN\\s*\\([^)]*ANALYZE.*");
                    return new QueryPlan(kind, QueryPlan.Target.EXPLAIN, sql,
                            (analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + checked, null);
                }
                case REFUSED -> throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, SqlText.firstWord(sql)
                        + " is not allowed: the nyckeltal catalogue is read-only",
                        "only SELECT, WITH … SELECT and EXPLAIN run on the published catalogue");
                case EMPTY -> {
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null);
                }
                default -> {
                    return new QueryPlan(kind, QueryPlan.Target.SESSION, sql, null, null);
                }
            }
        } catch (SQLException e) {
            throw DuckDbErrors.toPgError(e);
        }
    }

    private static final Pattern SETTING_VALUE =
            Pattern.compile("gw_setting_value\\(\\s*'([^']*)'\\s*(?:,[^)]*)?\\)");

    /** current_user and current_setting('…') answer with this session's user and settings. */
    private String sessionValues(String sql) {
        String text = sql.replace("gw_current_user()", literal(user));
        return SETTING_VALUE.matcher(text).replaceAll(match -> {
            String value = settings.get(match.group(1));
            return Matcher.quoteReplacement(value == null ? match.group() : literal(value));
        });
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The statement after EXPLAIN and its options. */
    private static String explained(String sql) {
        String rest = sql.strip().replaceFirst("(?is)^EXPLAIN\\s*", "");
        if (rest.startsWith("(")) {
            int end = rest.indexOf(')');
            rest = end < 0 ? rest : rest.substring(end + 1);
        }
        rest = rest.strip().replaceFirst("(?is)^(ANALYZE|ANALYSE)\\s+", "").replaceFirst("(?is)^VERBOSE\\s+", "");
        return rest;
    }

    // ---------------------------------------------------------------- running

    private List<MessageWriter.Field> fields(Portal portal) {
        List<ColumnType> types = portal.columnTypes(this);
        List<String> names = portal.columnNames;
        List<MessageWriter.Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(new MessageWriter.Field(names.get(i), types.get(i), portal.format(i)));
        }
        return fields;
    }

    /** Runs a portal to its end or for maxRows rows (0 = all). */
    private void run(Portal portal, int maxRows) throws IOException {
        QueryPlan plan = portal.prepared.plan;
        if (plan.target() == QueryPlan.Target.SESSION) {
            runSessionCommand(portal);
            return;
        }
        portal.columnTypes(this);
        long cap = server.config().maxRows();
        int sent = 0;
        try {
            while (maxRows == 0 || sent < maxRows) {
                if (cancellation.reason() != null) {
                    throw new PgError(PgError.QUERY_CANCELED, cancellation.reason().message);
                }
                Object[] row = portal.next();
                if (row == null) {
                    out.commandComplete(plan.target() == QueryPlan.Target.EXPLAIN ? "EXPLAIN" : "SELECT " + portal.rows);
                    portal.close();
                    return;
                }
                if (portal.rows >= cap) {
                    throw new PgError(PgError.PROGRAM_LIMIT_EXCEEDED, "the result has more than " + cap
                            + " rows (the gateway's query.max_rows)", "aggregate, filter or add a LIMIT");
                }
                portal.rows++;
                sent++;
                out.dataRow(encode(portal, row));
            }
            out.portalSuspended();
        } catch (PgError e) {
            portal.close();
            throw e;
        } finally {
            cancellation.clear();
        }
    }

    private byte[][] encode(Portal portal, Object[] row) {
        byte[][] values = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            ColumnType type = portal.types.get(i);
            values[i] = portal.format(i) == 1 ? ValueCodec.binary(value, type)
                    : ValueCodec.text(value, type, settings.zone()).getBytes(StandardCharsets.UTF_8);
        }
        return values;
    }

    private void runSessionCommand(Portal portal) throws IOException {
        QueryPlan plan = portal.prepared.plan;
        String sql = plan.sql();
        switch (plan.kind()) {
            case EMPTY -> out.emptyQueryResponse();
            case SET -> {
                Map<String, String> changed = settings.set(sql);
                for (Map.Entry<String, String> setting : changed.entrySet()) {
                    out.parameterStatus(setting.getKey(), setting.getValue());
                }
                applySearchPath();
                out.commandComplete("SET");
            }
            case RESET -> {
                for (Map.Entry<String, String> setting : settings.reset(sql).entrySet()) {
                    out.parameterStatus(setting.getKey(), setting.getValue());
                }
                applySearchPath();
                out.commandComplete("RESET");
            }
            case SHOW -> {
                portal.columnTypes(this);
                Object[] row;
                while ((row = portal.next()) != null) {
                    out.dataRow(encode(portal, row));
                }
                out.commandComplete("SHOW");
            }
            case BEGIN -> {
                if (transaction != 'I') {
                    out.notice("25001", "there is already a transaction in progress");
                }
                transaction = transaction == 'I' ? 'T' : transaction;
                out.commandComplete(SqlText.firstWord(sql).equals("START") ? "START TRANSACTION" : "BEGIN");
            }
            case COMMIT -> {
                boolean failed = transaction == 'E';
                if (transaction == 'I') {
                    out.notice("25P01", "there is no transaction in progress");
                }
                endTransaction();
                out.commandComplete(failed ? "ROLLBACK" : "COMMIT");
            }
            case ROLLBACK -> {
                if (transaction == 'I') {
                    out.notice("25P01", "there is no transaction in progress");
                }
                endTransaction();
                out.commandComplete("ROLLBACK");
            }
            case DISCARD -> {
                List<String> words = SqlText.words(sql, 2);
                if (words.size() > 1 && words.get(1).equals("ALL")) {
                    if (transaction != 'I') {
                        throw new PgError("25001", "DISCARD ALL cannot run inside a transaction block");
                    }
                    closeStatements();
                    closePortals();
                    for (Map.Entry<String, String> setting : settings.reset("RESET ALL").entrySet()) {
                        out.parameterStatus(setting.getKey(), setting.getValue());
                    }
                    applySearchPath();
                }
                out.commandComplete("DISCARD " + (words.size() > 1 ? words.get(1) : "ALL"));
            }
            case DEALLOCATE -> {
                String target = sql.strip().replaceFirst("(?is)^DEALLOCATE\\s+(PREPARE\\s+)?", "").replaceAll(";\\s*$", "").strip();
                if (target.equalsIgnoreCase("ALL")) {
                    statements.entrySet().removeIf(named -> {
                        if (named.getKey().isEmpty()) {
                            return false;
                        }
                        named.getValue().close();
                        return true;
                    });
                    out.commandComplete("DEALLOCATE ALL");
                } else {
                    String name = target.startsWith("\"") && target.endsWith("\"") && target.length() > 1
                            ? target.substring(1, target.length() - 1).replace("\"\"", "\"") : target.toLowerCase(Locale.ROOT);
                    Prepared removed = statements.remove(name);
                    if (removed == null) {
                        removed = statements.remove(target);
                    }
                    if (removed == null) {
                        throw new PgError(PgError.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name
                                + "\" does not exist");
                    }
                    removed.close();
                    out.commandComplete("DEALLOCATE");
                }
            }
            case HARMLESS -> {
                List<String> words = SqlText.words(sql, 2);
                String tag = switch (words.get(0)) {
                    case "CLOSE" -> "CLOSE CURSOR";
                    case "ROLLBACK" -> "ROLLBACK";
                    default -> words.get(0);
                };
                out.commandComplete(tag);
            }
            default -> throw new PgError(PgError.INTERNAL_ERROR, "cannot run " + plan.kind());
        }
    }

    private void endTransaction() {
        transaction = 'I';
        closePortals();
    }

    // ---------------------------------------------------------------- DuckDB connections

    private void openConnections() {
        try {
            lease = server.catalogue().acquire();
            snapshot = lease.connect();
            catalog = lease.connectPgCatalog();
        } catch (SQLException e) {
            throw PgError.fatal(PgError.CANNOT_CONNECT_NOW, "cannot open the catalogue: " + DuckDbErrors.clean(e.getMessage()));
        }
    }

    /** Moves to the newest published snapshot, if there is a newer one. */
    private void refreshSnapshot() {
        if (lease != null && lease.database() == server.catalogue().current()) {
            return;
        }
        SnapshotDatabase.Lease previous = lease;
        closeConnections();
        openConnections();
        applySearchPath();
        if (previous != null) {
            LOG.debug("session {} moved to snapshot {}", processId, lease.database().snapshotId());
        }
    }

    private void applySearchPath() {
        List<String> schemas = settings.searchPath();
        try (Statement statement = snapshot.createStatement()) {
            statement.execute("SET search_path = '" + String.join(",", schemas).replace("'", "''") + "'");
        } catch (SQLException e) {
            LOG.debug("search_path {} not applied: {}", schemas, e.getMessage());
        }
    }

    private void closeConnections() {
        for (Connection connection : new Connection[] {snapshot, catalog}) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("closing a DuckDB connection failed: {}", e.toString());
                }
            }
        }
        snapshot = null;
        catalog = null;
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }

    private void closeStatements() {
        statements.values().forEach(Prepared::close);
        statements.clear();
    }

    private void closeResources() {
        closePortals();
        closeStatements();
        closeConnections();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private Duration timeout() {
        Duration configured = server.config().queryTimeout();
        return settings.statementTimeout().filter(t -> t.compareTo(configured) < 0).orElse(configured);
    }

    // ---------------------------------------------------------------- statements and portals

    /**
     * A parsed statement: its plan, the parameter types the client declared, and DuckDB's prepared
     * statement for it. DuckDB parses and plans a statement once per Parse, not again for Bind,
     * Describe and each Execute: the DuckDB statement is lent to one portal at a time and kept for
     * the next until the statement is closed.
     */
    private static final class Prepared implements AutoCloseable {
        final QueryPlan plan;
        final int[] declaredTypes;
        int[] parameterTypes;
        private PreparedStatement idle;
        private boolean closed;

        Prepared(QueryPlan plan, int[] declaredTypes) {
            this.plan = plan;
            this.declaredTypes = declaredTypes;
        }

        /**
         * DuckDB's statement for the plan on the given connection, kept from before when it is still
         * usable there (the session may have moved to a newer snapshot), else prepared now. The caller
         * owns it until it hands it back with {@link #giveBack}.
         */
        PreparedStatement take(Connection connection) throws SQLException {
            PreparedStatement statement = idle;
            idle = null;
            if (statement != null && !statement.isClosed() && statement.getConnection() == connection) {
                return statement;
            }
            closeQuietly(statement);
            return connection.prepareStatement(plan.duckSql());
        }

        /** Keeps a statement that ran without error for the next use, or closes it. */
        void giveBack(PreparedStatement statement, boolean reusable) {
            try {
                if (reusable && !closed && idle == null && !statement.isClosed()) {
                    statement.clearParameters();
                    idle = statement;
                    return;
                }
            } catch (SQLException e) {
                LOG.debug("cannot keep a DuckDB statement: {}", e.toString());
            }
            closeQuietly(statement);
        }

        @Override
        public void close() {
            closed = true;
            closeQuietly(idle);
            idle = null;
        }

        private static void closeQuietly(PreparedStatement statement) {
            if (statement == null) {
                return;
            }
            try {
                statement.close();
            } catch (SQLException e) {
                LOG.debug("closing a DuckDB statement failed: {}", e.toString());
            }
        }

        /** Declared types, completed from DuckDB's view of the parameters; unknown ones as text. */
        int[] parameterTypes(ClientSession session) {
            if (parameterTypes != null) {
                return parameterTypes;
            }
            if (plan.duckSql() == null || plan.target() == QueryPlan.Target.EXPLAIN) {
                parameterTypes = declaredTypes.clone();
                return parameterTypes;
            }
            PreparedStatement statement = null;
            try {
                statement = take(session.connection(plan));
                ParameterMetaData metadata = statement.getParameterMetaData();
                int count = Math.max(metadata.getParameterCount(), declaredTypes.length);
                int[] types = new int[count];
                for (int i = 0; i < count; i++) {
                    if (i < declaredTypes.length && declaredTypes[i] != 0) {
                        types[i] = declaredTypes[i];
                    } else {
                        String duckType = i < metadata.getParameterCount() ? metadata.getParameterTypeName(i + 1) : "";
                        PgType type = ColumnType.ofDuckDb(duckType).type();
                        types[i] = type.isArray() || duckType.isEmpty() || duckType.equals("INVALID")
                                || duckType.equals("UNKNOWN") ? PgType.TEXT.oid() : type.oid();
                    }
                }
                parameterTypes = types;
                return types;
            } catch (SQLException e) {
                throw DuckDbErrors.toPgError(e);
            } finally {
                if (statement != null) {
                    giveBack(statement, true);
                }
            }
        }

        /** RowDescription for Describe of the statement (before Bind), with text formats. */
        List<MessageWriter.Field> describeColumns(ClientSession session) {
            switch (plan.target()) {
                case FIXED -> {
                    List<MessageWriter.Field> fields = new ArrayList<>();
                    for (int i = 0; i < plan.fixed().names().size(); i++) {
                        fields.add(new MessageWriter.Field(plan.fixed().names().get(i), plan.fixed().types().get(i), 0));
                    }
                    return fields;
                }
                case EXPLAIN -> {
                    return List.of(new MessageWriter.Field("QUERY PLAN", ColumnType.of(PgType.TEXT), 0));
                }
                case SESSION -> {
                    return List.of(new MessageWriter.Field(showName(plan.sql(), session), ColumnType.of(PgType.TEXT), 0));
                }
                default -> {
                    PreparedStatement statement = null;
                    try {
                        statement = take(session.connection(plan));
                        ResultSetMetaData metadata = statement.getMetaData();
                        List<MessageWriter.Field> fields = new ArrayList<>();
                        for (int i = 1; i <= metadata.getColumnCount(); i++) {
                            fields.add(new MessageWriter.Field(columnName(metadata.getColumnName(i)),
                                    ColumnType.ofDuckDb(metadata.getColumnTypeName(i)), 0));
                        }
                        return fields;
                    } catch (SQLException e) {
                        throw DuckDbErrors.toPgError(e);
                    } finally {
                        if (statement != null) {
                            giveBack(statement, true);
                        }
                    }
                }
            }
        }
    }

    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\(.*\\)");

    /**
     * PostgreSQL names an unaliased function call after the function ("count", "version"); DuckDB
     * after the whole expression ("count_star()", "gw_version()").
     */
    static String columnName(String duckName) {
        Matcher call = CALL.matcher(duckName);
        if (!call.matches()) {
            return duckName;
        }
        String function = call.group(1);
        if (function.equals("count_star")) {
            return "count";
        }
        return function.startsWith("gw_") ? function.substring(3) : function;
    }

    private static String showName(String sql, ClientSession session) {
        Map<String, String> shown = session.settings.show(sql);
        return shown.size() == 1 ? shown.keySet().iterator().next() : "name";
    }

    private Connection connection(QueryPlan plan) {
        return plan.target() == QueryPlan.Target.CATALOG ? catalog : snapshot;
    }

    /**
     * A bound statement: runs on first Describe or Execute and keeps its result open between
     * Executes with a row limit.
     */
    private final class Portal {
        final Prepared prepared;
        final Object[] parameters;
        final short[] resultFormats;
        List<String> columnNames;
        List<ColumnType> types;
        long rows;
        private PreparedStatement statement;
        private ResultSet result;
        private boolean failed;
        private List<List<Object>> fixedRows;
        private int fixedIndex;

        Portal(Prepared prepared, Object[] parameters, short[] resultFormats) {
            this.prepared = prepared;
            this.parameters = parameters;
            this.resultFormats = resultFormats;
        }

        int format(int column) {
            if (resultFormats.length == 0) {
                return 0;
            }
            return resultFormats.length == 1 ? resultFormats[0] : resultFormats[column];
        }

        /** Starts the statement if it has not run yet and returns its column types. */
        List<ColumnType> columnTypes(ClientSession session) {
            if (types != null) {
                return types;
            }
            QueryPlan plan = prepared.plan;
            switch (plan.target()) {
                case FIXED -> open(plan.fixed());
                case SESSION -> {
                    Map<String, String> shown = settings.show(plan.sql());
                    List<List<Object>> showRows = new ArrayList<>();
                    if (shown.size() == 1) {
                        showRows.add(List.of(shown.values().iterator().next()));
                        open(new FixedResult(List.of(shown.keySet().iterator().next()), List.of(ColumnType.of(PgType.TEXT)),
                                showRows, "SHOW"));
                    } else {
                        shown.forEach((name, value) -> showRows.add(List.of(name, value, "")));
                        open(new FixedResult(List.of("name", "setting", "description"), List.of(ColumnType.of(PgType.TEXT),
                                ColumnType.of(PgType.TEXT), ColumnType.of(PgType.TEXT)), showRows, "SHOW"));
                    }
                }
                case EXPLAIN -> open(explain(plan));
                default -> start(plan);
            }
            return types;
        }

        private void open(FixedResult fixed) {
            columnNames = fixed.names();
            types = fixed.types();
            fixedRows = fixed.rows();
        }

        private FixedResult explain(QueryPlan plan) {
            List<List<Object>> lines = new ArrayList<>();
            try {
                start(plan);
                while (result.next()) {
                    String text = result.getString(result.getMetaData().getColumnCount());
                    if (text != null) {
                        text.lines().forEach(line -> lines.add(List.of(line)));
                    }
                }
            } catch (SQLException e) {
                throw failure(e);
            } finally {
                closeResult();
            }
            return new FixedResult(List.of("QUERY PLAN"), List.of(ColumnType.of(PgType.TEXT)), lines, "EXPLAIN");
        }

        private void start(QueryPlan plan) {
            ScheduledFuture<?> timer = null;
            try {
                statement = prepared.take(connection(plan));
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                cancellation.start(statement);
                timer = server.timer().schedule(() -> cancellation.cancel(Cancellation.Reason.TIMEOUT),
                        timeout().toMillis(), TimeUnit.MILLISECONDS);
                result = statement.executeQuery();
                ResultSetMetaData metadata = result.getMetaData();
                columnNames = new ArrayList<>();
                types = new ArrayList<>();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    columnNames.add(columnName(metadata.getColumnName(i)));
                    types.add(ColumnType.ofDuckDb(metadata.getColumnTypeName(i)));
                }
            } catch (SQLException e) {
                close();
                throw failure(e);
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
                cancellation.finish();
            }
        }

        private PgError failure(SQLException e) {
            failed = true;
            Cancellation.Reason reason = cancellation.reason();
            if (reason != null || e instanceof SQLTimeoutException) {
                return new PgError(PgError.QUERY_CANCELED, (reason == null ? Cancellation.Reason.USER : reason).message);
            }
            return DuckDbErrors.toPgError(e);
        }

        /** The next row, or null at the end. */
        Object[] next() {
            if (fixedRows != null) {
                return fixedIndex < fixedRows.size() ? fixedRows.get(fixedIndex++).toArray() : null;
            }
            try {
                if (result == null || !result.next()) {
                    return null;
                }
                Object[] row = new Object[types.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = ValueCodec.read(result, i + 1, types.get(i));
                }
                return row;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        /** Closes the result; the statement goes back to its Prepared unless it failed or was cancelled. */
        private void closeResult() {
            try {
                if (result != null) {
                    result.close();
                }
            } catch (SQLException e) {
                failed = true;
                LOG.debug("closing a result failed: {}", e.toString());
            }
            if (statement != null) {
                prepared.giveBack(statement, !failed && cancellation.reason() == null);
            }
            result = null;
            statement = null;
        }

        void close() {
            closeResult();
        }
    }
}
