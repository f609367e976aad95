package se.nyckeltal.warehouse.catalogue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Inserts rows into a catalogue table through multi-row prepared INSERTs, in one transaction. */
final class Rows {
    /**
     * Rows per INSERT statement. DuckDB's JDBC batch runs one statement per row (~0.6 ms each: most of the
     * catalogue build's reference and meta tables step); one statement of many VALUES rows binds and runs once.
     */
    static final int ROWS_PER_STATEMENT = 256;

    private Rows() {}

    /** One row's values in column order; null for NULL. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /**
     * @param insert an INSERT with one {@code ?} per value; DATE and TIMESTAMPTZ values are passed as
     *     ISO text and cast in the statement
     */
    static void insert(Connection connection, String insert, List<List<Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        // in auto-commit, one commit (and WAL write) per statement
        if (!connection.getAutoCommit()) {
            insertChunks(connection, insert, rows); // the caller's transaction
            return;
        }
        connection.setAutoCommit(false);
        try {
            insertChunks(connection, insert, rows);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** {@code INSERT … VALUES (row), (row), …}: the statement's one row repeated, {@link #ROWS_PER_STATEMENT} at most. */
    private static void insertChunks(Connection connection, String insert, List<List<Object>> rows)
            throws SQLException {
        int keyword = insert.lastIndexOf(" VALUES ");
        if (keyword < 0) {
            throw new IllegalArgumentException("not an INSERT … VALUES (…): " + insert);
        }
        String head = insert.substring(0, keyword + " VALUES ".length());
        String row = insert.substring(keyword + " VALUES ".length()).trim();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement statement = connection.prepareStatement(
                    head + String.join(", ", Collections.nCopies(chunk.size(), row)))) {
                int index = 1;
                for (List<Object> values : chunk) {
                    for (Object value : values) {
                        bind(statement, index++, value);
                    }
                }
                statement.execute();
            }
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof BigDecimal number) {
            statement.setBigDecimal(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else {
            throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
        }
    }
}
