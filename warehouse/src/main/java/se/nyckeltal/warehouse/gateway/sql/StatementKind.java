package se.nyckeltal.warehouse.gateway.sql;

import java.util.List;

/**
 * What a statement is to the gateway: a query for DuckDB, a session command the gateway answers
 * itself without DuckDB seeing it, or something refused because the catalogue is read-only.
 */
public enum StatementKind {
    EMPTY,
    QUERY,
    EXPLAIN,
    SET,
    RESET,
    SHOW,
    BEGIN,
    COMMIT,
    ROLLBACK,
    DISCARD,
    DEALLOCATE,
    /** SAVEPOINT name. */
    SAVEPOINT,
    /** RELEASE [SAVEPOINT] name. */
    RELEASE,
    /** ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name: leaves a failed transaction block usable again. */
    ROLLBACK_TO,
    /** COPY … TO STDOUT (COPY FROM and COPY to a file are refused when planned). */
    COPY,
    /** DECLARE name CURSOR FOR query. */
    DECLARE,
    /** FETCH or MOVE in a cursor. */
    FETCH,
    /** CLOSE name | ALL. */
    CLOSE,
    /** PREPARE name AS statement. */
    PREPARE,
    /** EXECUTE name (arguments). */
    EXECUTE,
    /** UNLISTEN: nothing to do in a read-only session, answered with its tag. */
    HARMLESS,
    REFUSED;

    public static StatementKind of(String sql) {
        List<String> words = SqlText.words(sql, 3);
        if (words.isEmpty()) {
            return SqlText.codeOnly(sql).isBlank() ? EMPTY : QUERY;
        }
        return switch (words.get(0)) {
            case "SELECT", "WITH", "VALUES", "TABLE", "FROM", "DESCRIBE", "SUMMARIZE", "PIVOT", "UNPIVOT" -> QUERY;
            case "EXPLAIN" -> EXPLAIN;
            case "SET" -> SET;
            case "RESET" -> RESET;
            case "SHOW" -> words.size() > 1 && (words.get(1).equals("TABLES")
                    || words.get(1).equals("ALL") && words.size() > 2 && words.get(2).equals("TABLES")) ? QUERY : SHOW;
            case "BEGIN", "START" -> BEGIN;
            case "COMMIT", "END" -> COMMIT;
            case "ROLLBACK", "ABORT" -> words.size() > 1 && words.get(1).equals("TO")
                    || words.size() > 2 && words.get(2).equals("TO") ? ROLLBACK_TO : ROLLBACK;
            case "DISCARD" -> DISCARD;
            case "DEALLOCATE" -> DEALLOCATE;
            case "SAVEPOINT" -> SAVEPOINT;
            case "RELEASE" -> RELEASE;
            case "UNLISTEN" -> HARMLESS;
            case "COPY" -> COPY;
            case "DECLARE" -> DECLARE;
            case "FETCH", "MOVE" -> FETCH;
            case "CLOSE" -> CLOSE;
            case "PREPARE" -> PREPARE;
            case "EXECUTE" -> EXECUTE;
            case "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP", "ALTER",
                    "TRUNCATE", "ATTACH", "DETACH", "USE", "INSTALL", "FORCE", "LOAD", "PRAGMA", "CALL", "EXPORT", "IMPORT",
                    "VACUUM", "CHECKPOINT", "GRANT", "REVOKE", "LISTEN", "NOTIFY", "LOCK",
                    "COMMENT", "REINDEX", "CLUSTER", "ANALYZE", "ANALYSE", "DO", "REFRESH",
                    "SECURITY", "SECRET", "UNPIVOT_INTO" -> REFUSED;
            // anything else goes to DuckDB's parser through the read-only gate: a typo is a syntax error
            default -> QUERY;
        };
    }

    /** Whether DuckDB runs it (after the read-only gate). */
    public boolean reachesDuckDb() {
        return this == QUERY || this == EXPLAIN;
    }
}
