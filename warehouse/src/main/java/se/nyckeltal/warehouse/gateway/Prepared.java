package se.nyckeltal.warehouse.gateway;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.warehouse.gateway.sql.DuckDbErrors;
import se.nyckeltal.warehouse.gateway.sql.SessionSettings;
import se.nyckeltal.warehouse.gateway.wire.ColumnType;
import se.nyckeltal.warehouse.gateway.wire.MessageWriter;
import se.nyckeltal.warehouse.gateway.wire.PgType;

/**
 * A parsed statement: its plan, the parameter types the client declared, and DuckDB's prepared
 * statement for it. DuckDB parses and plans a statement once per Parse, not again for Bind,
 * Describe and each Execute: the DuckDB statement is lent to one portal at a time and kept for
 * the next until the statement is closed.
 */
final class Prepared implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Prepared.class);
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\(.*\\)");

    final QueryPlan plan;
    final int[] declaredTypes;
    private int[] parameterTypes;
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
    int[] parameterTypes(Connection connection) {
        if (parameterTypes != null) {
            return parameterTypes;
        }
        if (plan.duckSql() == null || plan.target() == QueryPlan.Target.EXPLAIN) {
            parameterTypes = declaredTypes.clone();
            return parameterTypes;
        }
        PreparedStatement statement = null;
        try {
            statement = take(connection);
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
    List<MessageWriter.Field> describeColumns(Connection connection, SessionSettings settings) {
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
                Map<String, String> shown = settings.show(plan.sql());
                String name = shown.size() == 1 ? shown.keySet().iterator().next() : "name";
                return List.of(new MessageWriter.Field(name, ColumnType.of(PgType.TEXT), 0));
            }
            default -> {
                PreparedStatement statement = null;
                try {
                    statement = take(connection);
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
}
