package se.nyckeltal.warehouse.catalogue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/** Inserts rows into a catalogue table through one prepared statement, in one batch and one transaction. */
final class Rows {
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
        // DuckDB's JDBC batch runs one statement per row: in auto-commit, one commit (and WAL write) per row
        if (!connection.getAutoCommit()) {
            batch(connection, insert, rows); // the caller's transaction
            return;
        }
        connection.setAutoCommit(false);
        try {
            batch(connection, insert, rows);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void batch(Connection connection, String insert, List<List<Object>> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    bind(statement, i + 1, row.get(i));
                }
                statement.addBatch();
            }
            statement.executeBatch();
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
