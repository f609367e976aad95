package se.nyckeltal.warehouse.gateway;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.warehouse.gateway.sql.DuckDbErrors;
import se.nyckeltal.warehouse.gateway.sql.FixedResult;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.ParameterCodec;
import se.nyckeltal.warehouse.gateway.wire.PgError;
import se.nyckeltal.warehouse.gateway.wire.PgType;
import se.nyckeltal.warehouse.gateway.wire.ValueCodec;

/**
 * A bound statement: runs on first Describe or Execute and keeps its result open between
 * Executes with a row limit.
 */
final class Portal {
    private static final Logger LOG = LoggerFactory.getLogger(Portal.class);

    final Prepared prepared;
    final Object[] parameters;
    final short[] resultFormats;
    private final ClientSession session;
    /** A SQL cursor (DECLARE): owns its statement, and WITH HOLD outlives the transaction. */
    private boolean cursor;
    private boolean holdable;
    List<String> columnNames;
    List<ColumnType> types;
    long rows;
    private PreparedStatement statement;
    private ResultSet result;
    private boolean failed;
    private List<List<Object>> fixedRows;
    private int fixedIndex;

    Portal(ClientSession session, Prepared prepared, Object[] parameters, short[] resultFormats) {
        this.session = session;
        this.prepared = prepared;
        this.parameters = parameters;
        this.resultFormats = resultFormats;
    }

    /** Makes this portal a DECLAREd cursor, which closes its statement with it. */
    Portal asCursor(boolean hold) {
        cursor = true;
        holdable = hold;
        return this;
    }

    boolean holdable() {
        return holdable;
    }

    int format(int column) {
        if (resultFormats.length == 0) {
            return 0;
        }
        return resultFormats.length == 1 ? resultFormats[0] : resultFormats[column];
    }

    /** Starts the statement if it has not run yet and returns its column types. */
    List<ColumnType> columnTypes() {
        if (types != null) {
            return types;
        }
        QueryPlan plan = prepared.plan;
        switch (plan.target()) {
            case FIXED -> open(plan.fixed());
            case SESSION -> {
                Map<String, String> shown = session.settings().show(plan.sql());
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
        Cancellation cancellation = session.cancellation();
        ScheduledFuture<?> timer = null;
        try {
            statement = prepared.take(session.connection(plan));
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof ParameterCodec.ArrayParameter array
                        ? statement.getConnection().createArrayOf(array.duckElement(), array.items().toArray())
                        : parameters[i]);
            }
            cancellation.start(statement);
            timer = session.timer().schedule(() -> cancellation.cancel(Cancellation.Reason.TIMEOUT),
                    session.timeout().toMillis(), TimeUnit.MILLISECONDS);
            result = statement.executeQuery();
            ResultSetMetaData metadata = result.getMetaData();
            columnNames = new ArrayList<>();
            types = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columnNames.add(Prepared.columnName(metadata.getColumnName(i)));
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
        Cancellation.Reason reason = session.cancellation().reason();
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
            prepared.giveBack(statement, !failed && session.cancellation().reason() == null);
        }
        result = null;
        statement = null;
    }

    void close() {
        closeResult();
        if (cursor) {
            prepared.close();
        }
    }
}
