package se.nyckeltal.warehouse.gateway.sql;

import java.sql.SQLException;
import se.nyckeltal.warehouse.query.ReadOnlyGate;
import se.nyckeltal.warehouse.gateway.wire.PgError;

/** DuckDB's error messages as PostgreSQL errors with the SQLSTATE clients act on. */
public final class DuckDbErrors {
    private DuckDbErrors() {}

    public static PgError toPgError(SQLException e) {
        if (e instanceof ReadOnlyGate.Refused refused) {
            return new PgError(refused.getSQLState(), refused.getMessage(), refused.hint());
        }
        String message = e.getMessage() == null ? "query failed" : e.getMessage();
        return new PgError(sqlState(message), clean(message));
    }

    static String sqlState(String message) {
        if (message.startsWith("Parser Error")) {
            return PgError.SYNTAX_ERROR;
        }
        if (message.startsWith("Catalog Error")) {
            if (message.contains("Table with name")) {
                return PgError.UNDEFINED_TABLE;
            }
            if (message.contains("Schema with name")) {
                return "3F000";
            }
            if (message.contains("Function with name") || message.contains("Macro Function with name")) {
                return PgError.UNDEFINED_FUNCTION;
            }
            if (message.contains("Type with name")) {
                return PgError.UNDEFINED_OBJECT;
            }
            return PgError.UNDEFINED_TABLE;
        }
        if (message.startsWith("Binder Error")) {
            return message.contains("not found") && message.contains("column") ? PgError.UNDEFINED_COLUMN : "42000";
        }
        if (message.startsWith("Conversion Error") || message.startsWith("Invalid Input Error")) {
            return PgError.INVALID_TEXT_REPRESENTATION;
        }
        if (message.startsWith("Out of Range Error")) {
            return "22003";
        }
        if (message.contains("Division by zero") || message.contains("division by zero")) {
            return "22012";
        }
        if (message.startsWith("Permission Error")) {
            return PgError.INSUFFICIENT_PRIVILEGE;
        }
        if (message.startsWith("INTERRUPT Error")) {
            return PgError.QUERY_CANCELED;
        }
        if (message.startsWith("Out of Memory Error")) {
            return PgError.OUT_OF_MEMORY;
        }
        if (message.startsWith("Not implemented Error")) {
            return PgError.FEATURE_NOT_SUPPORTED;
        }
        return PgError.INTERNAL_ERROR;
    }

    /** The message's first line, without DuckDB's caret excerpt. */
    public static String clean(String message) {
        String first = message.lines().filter(line -> !line.isBlank()).findFirst().orElse(message).strip();
        int excerpt = first.indexOf(" LINE 1:");
        return excerpt > 0 ? first.substring(0, excerpt).strip() : first;
    }
}
