package se.nyckeltal.warehouse.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Accepts exactly one SELECT (WITH, FROM-first, VALUES, DESCRIBE and SUMMARIZE are SELECTs to DuckDB
 * too) and nothing else: a read-only catalogue still lets COPY write files and ATTACH open others.
 * DuckDB's own parser decides, through {@code json_serialize_sql}, which serialises SELECTs only.
 */
public final class SelectStatement {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SelectStatement() {}

    /**
     * @return the statement without a trailing semicolon
     * @throws SQLException naming the problem when sql is not exactly one SELECT
     */
    public static String requireSingleSelect(Connection connection, String sql) throws SQLException {
        String statement = sql.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (statement.isEmpty()) {
            throw new SQLException("no SQL given: pass one SELECT statement");
        }
        JsonNode parsed;
        try (PreparedStatement check = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
            check.setString(1, statement);
            try (ResultSet result = check.executeQuery()) {
                result.next();
                parsed = JSON.readTree(result.getString(1));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("cannot check the statement: " + e.getMessage(), e);
        }
        if (parsed.path("error").asBoolean(false)) {
            String message = parsed.path("error_message").asText("");
            if (message.startsWith("Only SELECT statements")) {
                throw new SQLException("only a SELECT can run on the catalogue (it is read-only)");
            }
            throw new SQLException(message);
        }
        int count = parsed.path("statements").size();
        if (count != 1) {
            throw new SQLException("one statement at a time, found " + count);
        }
        return statement;
    }
}
