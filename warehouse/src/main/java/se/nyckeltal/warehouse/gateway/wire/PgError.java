package se.nyckeltal.warehouse.gateway.wire;

import static java.util.Objects.requireNonNull;

/**
 * An error for the client, with its SQLSTATE (PostgreSQL's errcodes.txt) and an optional hint.
 * Thrown anywhere while answering a message; the session turns it into an ErrorResponse.
 */
public final class PgError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String SYNTAX_ERROR = "42601";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String UNDEFINED_FUNCTION = "42883";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String QUERY_CANCELED = "57014";
    public static final String INVALID_PASSWORD = "28P01";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String OUT_OF_MEMORY = "53200";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String DATA_EXCEPTION = "22000";
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    public static final String INVALID_CURSOR_NAME = "34000";
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    public static final String DUPLICATE_CURSOR = "42P03";
    public static final String IN_FAILED_TRANSACTION = "25P02";
    public static final String CANNOT_CONNECT_NOW = "57P03";
    public static final String INTERNAL_ERROR = "XX000";
    public static final String INVALID_CATALOG_NAME = "3D000";

    private final String sqlState;
    private final String hint;
    private final boolean fatal;

    public PgError(String sqlState, String message) {
        this(sqlState, message, null, false);
    }

    public PgError(String sqlState, String message, String hint) {
        this(sqlState, message, hint, false);
    }

    private PgError(String sqlState, String message, String hint, boolean fatal) {
        super(requireNonNull(message, "message"));
        this.sqlState = requireNonNull(sqlState, "sqlState");
        this.hint = hint;
        this.fatal = fatal;
    }

    /** An error that ends the connection (authentication, protocol, start-up). */
    public static PgError fatal(String sqlState, String message) {
        return new PgError(sqlState, message, null, true);
    }

    public String sqlState() {
        return sqlState;
    }

    public String hint() {
        return hint;
    }

    public boolean isFatal() {
        return fatal;
    }
}
