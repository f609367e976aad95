package se.nyckeltal.warehouse.gateway;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntUnaryOperator;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.warehouse.gateway.sql.CopyCommand;
import se.nyckeltal.warehouse.gateway.sql.CursorCommand;
import se.nyckeltal.warehouse.gateway.sql.DuckDbErrors;
import se.nyckeltal.warehouse.gateway.sql.PrepareCommand;
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
import se.nyckeltal.warehouse.gateway.wire.ProtocolException;
import se.nyckeltal.warehouse.gateway.wire.ValueCodec;
import se.nyckeltal.warehouse.query.ReadOnlyGate;

/**
 * One client connection, PostgreSQL protocol 3.0 (https://www.postgresql.org/docs/15/protocol-flow.html):
 * after the {@link StartupHandshake}, the message loop — simple queries (several statements in one
 * string, each answered in turn) and the extended protocol (Parse, Bind, Describe, Execute with row
 * limits, Close, Flush, Sync; named and unnamed {@link Prepared} statements and {@link Portal}s).
 * The {@link StatementPlanner} decides how each statement is answered, {@link SessionCommands} answers
 * the session's own. Between statements, outside a transaction block and with no portal open, the
 * session moves to the newest published snapshot.
 */
final class ClientSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final GatewayServer server;
    private Socket socket;
    private MessageReader in;
    private MessageWriter out;
    private final int processId;
    private final int secretKey;
    private final SessionSettings settings;
    private final Cancellation cancellation = new Cancellation();
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new LinkedHashMap<>();
    private final StatementPlanner planner;
    private final SessionCommands commands;
    private String user = "";
    private TransactionStatus transaction = TransactionStatus.IDLE;
    private final List<String> savepoints = new ArrayList<>();
    private SnapshotDatabase.Lease lease;
    private DuckDBConnection snapshot;
    private DuckDBConnection catalog;

    ClientSession(GatewayServer server, Socket socket, int processId, int secretKey) throws IOException {
        this.server = server;
        this.socket = socket;
        this.processId = processId;
        this.secretKey = secretKey;
        this.settings = new SessionSettings(server.config().maxConnections());
        this.planner = new StatementPlanner(settings, () -> this.user);
        this.commands = new SessionCommands(this, settings);
        this.in = new MessageReader(socket.getInputStream(), server.buffers());
        this.out = new MessageWriter(socket.getOutputStream());
    }

    int processId() {
        return processId;
    }

    int secretKey() {
        return secretKey;
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
            // the client gets no stack, class name or path: those are in the log under the session id
            LOG.warn("session {} failed", processId, e);
            tryToSend(PgError.fatal(PgError.INTERNAL_ERROR, "internal error in the gateway; the server log has it"
                    + " under session " + processId));
        } finally {
            in.close();
            closeResources();
            server.ended(this);
        }
    }

    private void tryToSend(PgError error) {
        try {
            out.error(error.isFatal() ? error : PgError.fatal(error.sqlState(), error.getMessage()));
            out.flush();
            lingerForTheClientToRead();
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    /**
     * A fatal error may interrupt a client that is still writing (a large query refused by
     * connections.buffer_limit, a malformed message). Closing a socket with unread input resets the
     * connection, and the client then sees "broken pipe" or "connection reset" instead of the
     * reason. So, like a web server's lingering close, the gateway stops writing and discards what
     * the client still sends, into a small buffer, for at most {@link #LINGER} before it closes.
     */
    private void lingerForTheClientToRead() throws IOException {
        if (!(socket instanceof javax.net.ssl.SSLSocket)) { // TLS cannot half-close; draining still helps
            socket.shutdownOutput();
        }
        long deadline = System.nanoTime() + LINGER.toNanos();
        byte[] discard = new byte[8192];
        java.io.InputStream raw = socket.getInputStream();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            socket.setSoTimeout((int) left);
            try {
                if (raw.read(discard) < 0) {
                    return;
                }
            } catch (java.net.SocketTimeoutException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- start-up

    private boolean startup() throws IOException {
        StartupHandshake handshake = new StartupHandshake(server, socket, in, out);
        StartupHandshake.Client client;
        try {
            client = handshake.run();
        } finally {
            // after TLS was negotiated, errors go back over TLS
            socket = handshake.socket();
            in = handshake.in();
            out = handshake.out();
        }
        if (client == null) {
            return false;
        }
        in = client.in();
        user = client.user();
        for (Map.Entry<String, String> parameter : client.parameters().entrySet()) {
            if (parameter.getKey().equals("options")) {
                StartupHandshake.options(parameter.getValue()).forEach(settings::startup);
            } else if (!parameter.getKey().equals("user") && !parameter.getKey().equals("database")) {
                try {
                    settings.startup(parameter.getKey(), parameter.getValue());
                } catch (PgError e) {
                    throw PgError.fatal(e.sqlState(), e.getMessage());
                }
            }
        }
        openConnections();
        applySearchPath();
        out.authenticationOk();
        for (String name : ServerSettings.REPORTED) {
            out.parameterStatus(name, settings.get(name));
        }
        out.backendKeyData(processId, secretKey);
        out.readyForQuery(transaction.code());
        out.flush();
        LOG.info("session {}: user {} from {} ({}), snapshot {}", processId, user, socket.getInetAddress().getHostAddress(),
                settings.get("application_name"), lease.database().snapshotId());
        return true;
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
                    case 'd', 'c', 'f' -> throw new PgError(PgError.INSUFFICIENT_PRIVILEGE, "COPY FROM is not allowed:"
                            + " the nyckeltal catalogue is read-only");
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
                    out.readyForQuery(transaction.code());
                    out.flush();
                } else {
                    skipToSync = true;
                }
            }
        }
    }

    private void failTransaction() {
        if (transaction == TransactionStatus.IN_BLOCK) {
            transaction = TransactionStatus.FAILED;
        }
    }

    private void sync() throws IOException {
        if (transaction == TransactionStatus.IDLE) {
            closeTransactionPortals();
        }
        out.readyForQuery(transaction.code());
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
            Portal portal = open(prepared, new Object[0], new short[0]);
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
        if (transaction == TransactionStatus.IDLE) {
            closeTransactionPortals();
        }
        out.readyForQuery(transaction.code());
        out.flush();
    }

    /**
     * The portal that runs a statement with these parameters: for EXECUTE, one over the prepared
     * statement it names, with its arguments evaluated.
     */
    private Portal open(Prepared prepared, Object[] parameters, short[] resultFormats) {
        if (prepared.plan.kind() != StatementKind.EXECUTE) {
            return new Portal(this, prepared, parameters, resultFormats);
        }
        PrepareCommand.Execute execute = (PrepareCommand.Execute) prepared.plan.command();
        Prepared target = named(execute.name());
        int[] types = target.parameterTypes(connection(target.plan));
        if (types.length != execute.arguments().size()) {
            throw new PgError(PgError.SYNTAX_ERROR, "wrong number of parameters for prepared statement \""
                    + execute.name() + "\"", "expected " + types.length + " parameters but got "
                    + execute.arguments().size());
        }
        return new Portal(this, target, evaluate(execute.arguments()), resultFormats);
    }

    private Prepared named(String name) {
        Prepared target = statements.get(name);
        if (target == null || name.isEmpty()) {
            throw new PgError(PgError.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
        return target;
    }

    /** EXECUTE's arguments: SQL expressions, evaluated by DuckDB after the read-only gate. */
    private Object[] evaluate(List<String> arguments) {
        if (arguments.isEmpty()) {
            return new Object[0];
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < arguments.size(); i++) {
            select.append(i == 0 ? "" : ", ").append('(').append(arguments.get(i)).append(')');
        }
        try {
            String checked = ReadOnlyGate.requireSelect(snapshot, select.toString());
            try (Statement statement = snapshot.createStatement(); ResultSet result = statement.executeQuery(checked)) {
                result.next();
                Object[] values = new Object[arguments.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = ValueCodec.read(result, i + 1,
                            ColumnType.ofDuckDb(result.getMetaData().getColumnTypeName(i + 1)));
                }
                return values;
            }
        } catch (SQLException e) {
            throw DuckDbErrors.toPgError(e);
        }
    }

    // ---------------------------------------------------------------- extended query

    private void parse(FrontendMessage message) throws IOException {
        String name = message.readCString();
        String sql = message.readCString();
        int count = message.readCount("parameter type", 4);
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
        short[] formats = new short[message.readCount("parameter format", 2)];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = message.readShort();
        }
        int count = message.readCount("parameter", 4);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(message.readBytes(message.readInt()));
        }
        short[] resultFormats = new short[message.readCount("result format", 2)];
        for (int i = 0; i < resultFormats.length; i++) {
            resultFormats[i] = message.readShort();
        }
        int[] types = prepared.parameterTypes(connection(prepared.plan));
        if (count != types.length) {
            throw new PgError(PgError.PROTOCOL_VIOLATION, "bind message supplies " + count
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + types.length);
        }
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
        Portal old = portals.put(portalName, open(prepared, parameters, resultFormats));
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
            out.parameterDescription(prepared.parameterTypes(connection(prepared.plan)));
            List<MessageWriter.Field> fields = !prepared.plan.returnsRows() ? null
                    : prepared.plan.kind() == StatementKind.EXECUTE ? describe(named(
                            ((PrepareCommand.Execute) prepared.plan.command()).name()))
                    : prepared.plan.kind() == StatementKind.FETCH ? cursorFields(
                            cursor(((CursorCommand.Fetch) prepared.plan.command()).name()), new short[0])
                    : describe(prepared);
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

    private List<MessageWriter.Field> describe(Prepared prepared) {
        return prepared.describeColumns(connection(prepared.plan), settings);
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

    // ---------------------------------------------------------------- planning

    private Prepared prepare(String sql, int[] parameterTypes) {
        StatementKind kind = StatementKind.of(sql);
        if (transaction == TransactionStatus.FAILED && kind != StatementKind.ROLLBACK && kind != StatementKind.COMMIT
                && kind != StatementKind.ROLLBACK_TO) {
            throw new PgError(PgError.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (transaction == TransactionStatus.IDLE && portals.isEmpty()) {
            refreshSnapshot();
        }
        QueryPlan plan = planner.plan(kind, sql, catalog, snapshot);
        if (plan.target() == QueryPlan.Target.SNAPSHOT || plan.target() == QueryPlan.Target.CATALOG) {
            UntypedArrays.Typed typed = UntypedArrays.type(plan.duckSql(), parameterTypes, connection(plan));
            if (!typed.duckSql().equals(plan.duckSql())) {
                plan = new QueryPlan(plan.kind(), plan.target(), plan.sql(), typed.duckSql(), plan.fixed(), plan.inner(),
                        plan.command());
                parameterTypes = typed.declaredTypes();
            }
        }
        return new Prepared(plan, parameterTypes);
    }

    // ---------------------------------------------------------------- running

    private List<MessageWriter.Field> fields(Portal portal) {
        if (portal.prepared.plan.kind() == StatementKind.FETCH) {
            return cursorFields(cursor(((CursorCommand.Fetch) portal.prepared.plan.command()).name()),
                    portal.resultFormats);
        }
        List<ColumnType> types = portal.columnTypes();
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
        if (plan.target() == QueryPlan.Target.COPY) {
            copyOut(plan);
            return;
        }
        if (plan.target() == QueryPlan.Target.SESSION) {
            switch (plan.kind()) {
                case DECLARE -> declare(plan);
                case FETCH -> fetch((CursorCommand.Fetch) plan.command(), portal.resultFormats);
                case CLOSE -> closeCursor((CursorCommand.Close) plan.command());
                case PREPARE -> prepareNamed(plan);
                default -> runSessionCommand(portal);
            }
            return;
        }
        portal.columnTypes();
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
        return encode(portal.types, portal::format, row);
    }

    private byte[][] encode(List<ColumnType> types, IntUnaryOperator format, Object[] row) {
        byte[][] values = new byte[row.length][];
        java.time.ZoneId zone = settings.zone();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            ColumnType type = types.get(i);
            values[i] = format.applyAsInt(i) == 1 ? ValueCodec.binary(value, type)
                    : ValueCodec.text(value, type, zone).getBytes(StandardCharsets.UTF_8);
        }
        return values;
    }

    // ---------------------------------------------------------------- COPY TO STDOUT

    private void copyOut(QueryPlan plan) throws IOException {
        CopyCommand copy = (CopyCommand) plan.command();
        Portal rows = new Portal(this, new Prepared(plan.inner(), new int[0]), new Object[0], new short[0]).asCursor(false);
        long cap = server.config().maxRows();
        try {
            List<ColumnType> types = rows.columnTypes();
            CopyOut format = new CopyOut(copy, types, settings.zone());
            out.copyOutResponse(copy.format() == CopyCommand.Format.BINARY ? 1 : 0, types.size());
            byte[] start = format.start(rows.columnNames);
            if (start.length > 0) {
                out.copyData(start);
            }
            long count = 0;
            Object[] row;
            while ((row = rows.next()) != null) {
                if (cancellation.reason() != null) {
                    throw new PgError(PgError.QUERY_CANCELED, cancellation.reason().message);
                }
                if (count >= cap) {
                    throw new PgError(PgError.PROGRAM_LIMIT_EXCEEDED, "the result has more than " + cap
                            + " rows (the gateway's query.max_rows)", "aggregate, filter or add a LIMIT");
                }
                out.copyData(format.row(row));
                count++;
            }
            byte[] end = format.end();
            if (end.length > 0) {
                out.copyData(end);
            }
            out.copyDone();
            out.commandComplete("COPY " + count);
        } finally {
            rows.close();
            cancellation.clear();
        }
    }

    // ---------------------------------------------------------------- cursors and SQL PREPARE

    private Portal cursor(String name) {
        Portal cursor = portals.get(name);
        if (cursor == null || name.isEmpty()) {
            throw new PgError(PgError.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return cursor;
    }

    /** The cursor's columns, in the FETCH's result formats if it asked for any, else the cursor's own. */
    private List<MessageWriter.Field> cursorFields(Portal cursor, short[] fetchFormats) {
        List<ColumnType> types = cursor.columnTypes();
        List<MessageWriter.Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            int format = fetchFormats.length == 0 ? cursor.format(i) : fetchFormats.length == 1 ? fetchFormats[0]
                    : fetchFormats[i];
            fields.add(new MessageWriter.Field(cursor.columnNames.get(i), types.get(i), format));
        }
        return fields;
    }

    private void declare(QueryPlan plan) throws IOException {
        CursorCommand.Declare declare = (CursorCommand.Declare) plan.command();
        if (!declare.hold() && transaction == TransactionStatus.IDLE) {
            throw new PgError("25P01", "DECLARE CURSOR can only be used in transaction blocks",
                    "use BEGIN first, or DECLARE … CURSOR WITH HOLD");
        }
        if (portals.containsKey(declare.name())) {
            throw new PgError(PgError.DUPLICATE_CURSOR, "cursor \"" + declare.name() + "\" already exists");
        }
        short[] formats = declare.binary() ? new short[] {1} : new short[0];
        portals.put(declare.name(), new Portal(this, new Prepared(plan.inner(), new int[0]), new Object[0], formats)
                .asCursor(declare.hold()));
        out.commandComplete("DECLARE CURSOR");
    }

    private void fetch(CursorCommand.Fetch fetch, short[] fetchFormats) throws IOException {
        Portal cursor = cursor(fetch.name());
        List<ColumnType> types = cursor.columnTypes();
        long skip = fetch.skip() >= 0 ? fetch.skip() : -fetch.skip() - 1 - cursor.rows;
        if (skip < 0) {
            throw new PgError("55000", "cursor can only scan forward",
                    "FETCH ABSOLUTE must name a row after the cursor's current one");
        }
        IntUnaryOperator format = i -> fetchFormats.length == 0 ? cursor.format(i)
                : fetchFormats.length == 1 ? fetchFormats[0] : fetchFormats[i];
        long cap = server.config().maxRows();
        long moved = 0;
        try {
            for (long i = 0; i < skip && cursor.next() != null; i++) {
                cursor.rows++;
            }
            Object[] row;
            while (moved < fetch.count() && (row = cursor.next()) != null) {
                if (cancellation.reason() != null) {
                    throw new PgError(PgError.QUERY_CANCELED, cancellation.reason().message);
                }
                if (cursor.rows >= cap) {
                    throw new PgError(PgError.PROGRAM_LIMIT_EXCEEDED, "the cursor has more than " + cap
                            + " rows (the gateway's query.max_rows)", "aggregate, filter or add a LIMIT");
                }
                cursor.rows++;
                moved++;
                if (!fetch.move()) {
                    out.dataRow(encode(types, format, row));
                }
            }
        } finally {
            cancellation.clear();
        }
        out.commandComplete((fetch.move() ? "MOVE " : "FETCH ") + moved);
    }

    private void closeCursor(CursorCommand.Close close) throws IOException {
        if (close.name() == null) {
            portals.entrySet().removeIf(named -> {
                if (named.getKey().isEmpty()) {
                    return false;
                }
                named.getValue().close();
                return true;
            });
        } else {
            cursor(close.name());
            portals.remove(close.name()).close();
        }
        out.commandComplete("CLOSE CURSOR");
    }

    private void prepareNamed(QueryPlan plan) throws IOException {
        PrepareCommand.Prepare prepare = (PrepareCommand.Prepare) plan.command();
        if (statements.containsKey(prepare.name())) {
            throw new PgError(PgError.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + prepare.name()
                    + "\" already exists");
        }
        statements.put(prepare.name(), new Prepared(plan.inner(), prepare.types()));
        out.commandComplete("PREPARE");
    }

    private void runSessionCommand(Portal portal) throws IOException {
        QueryPlan plan = portal.prepared.plan;
        switch (plan.kind()) {
            case EMPTY -> out.emptyQueryResponse();
            case SHOW -> {
                portal.columnTypes();
                Object[] row;
                while ((row = portal.next()) != null) {
                    out.dataRow(encode(portal, row));
                }
                out.commandComplete("SHOW");
            }
            default -> {
                SessionCommands.Outcome outcome = commands.run(plan);
                for (SessionCommands.Notice notice : outcome.notices()) {
                    out.notice(notice.sqlState(), notice.message());
                }
                for (Map.Entry<String, String> setting : outcome.parameterStatus().entrySet()) {
                    out.parameterStatus(setting.getKey(), setting.getValue());
                }
                if (plan.kind() == StatementKind.SET || plan.kind() == StatementKind.RESET
                        || plan.kind() == StatementKind.DISCARD) {
                    applySearchPath();
                }
                out.commandComplete(outcome.tag());
            }
        }
    }

    // ---------------------------------------------------------------- state for SessionCommands and Portal

    TransactionStatus transaction() {
        return transaction;
    }

    void transaction(TransactionStatus status) {
        transaction = status;
    }

    /** COMMIT or ROLLBACK: back to no transaction block, portals closed but for cursors WITH HOLD. */
    void endTransaction() {
        transaction = TransactionStatus.IDLE;
        savepoints.clear();
        closeTransactionPortals();
    }

    /** Closes the portals a transaction's end closes: all but cursors declared WITH HOLD. */
    void closeTransactionPortals() {
        portals.entrySet().removeIf(named -> {
            if (named.getValue().holdable()) {
                return false;
            }
            named.getValue().close();
            return true;
        });
    }

    /** The transaction block's savepoints, oldest first (names may repeat, as in PostgreSQL). */
    List<String> savepoints() {
        return savepoints;
    }

    void closePortals() {
        for (Portal portal : portals.values()) {
            portal.close();
        }
        portals.clear();
    }

    void closeStatements() {
        statements.values().forEach(Prepared::close);
        statements.clear();
    }

    /** Closes a named prepared statement; false when there is none of that name. */
    boolean deallocate(String name) {
        Prepared removed = statements.remove(name);
        if (removed == null) {
            return false;
        }
        removed.close();
        return true;
    }

    /** DEALLOCATE ALL: every named statement (the unnamed one stays). */
    void deallocateAll() {
        statements.entrySet().removeIf(named -> {
            if (named.getKey().isEmpty()) {
                return false;
            }
            named.getValue().close();
            return true;
        });
    }

    SessionSettings settings() {
        return settings;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    ScheduledExecutorService timer() {
        return server.timer();
    }

    Duration timeout() {
        Duration configured = server.config().queryTimeout();
        return settings.statementTimeout().filter(t -> t.compareTo(configured) < 0).orElse(configured);
    }

    Connection connection(QueryPlan plan) {
        return plan.target() == QueryPlan.Target.CATALOG ? catalog : snapshot;
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
}
