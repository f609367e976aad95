package se.nyckeltal.warehouse.gateway;

import se.nyckeltal.warehouse.gateway.sql.CursorCommand;
import se.nyckeltal.warehouse.gateway.sql.FixedResult;
import se.nyckeltal.warehouse.gateway.sql.StatementKind;

/**
 * How one statement is answered: by the gateway itself (session commands, canned answers), by the
 * PostgreSQL catalogue, or by the served snapshot — with the SQL that passed the read-only gate.
 *
 * @param sql the statement as the client sent it
 * @param duckSql what DuckDB runs (checked, rewritten for the catalogue); null when DuckDB is not asked
 * @param fixed the answer when the gateway knows it without DuckDB
 * @param inner the plan of the query a COPY, DECLARE or PREPARE carries; null otherwise
 * @param command the parsed COPY, cursor or PREPARE/EXECUTE command; null otherwise
 */
record QueryPlan(StatementKind kind, Target target, String sql, String duckSql, FixedResult fixed, QueryPlan inner,
        Object command) {
    enum Target {
        /** Answered by the session: SET, SHOW, BEGIN, cursors, PREPARE … */
        SESSION,
        /** A canned answer. */
        FIXED,
        /** The gateway's PostgreSQL catalogue. */
        CATALOG,
        /** The served snapshot. */
        SNAPSHOT,
        /** EXPLAIN of a SELECT on the served snapshot, shown as PostgreSQL's one "QUERY PLAN" column. */
        EXPLAIN,
        /** COPY (query) TO STDOUT: the inner plan's rows as CopyData. */
        COPY
    }

    QueryPlan(StatementKind kind, Target target, String sql, String duckSql, FixedResult fixed) {
        this(kind, target, sql, duckSql, fixed, null, null);
    }

    /** Whether a RowDescription comes before the rows (FETCH and EXECUTE: those of their cursor or statement). */
    boolean returnsRows() {
        return switch (target) {
            case SESSION -> kind == StatementKind.SHOW || kind == StatementKind.EXECUTE
                    || kind == StatementKind.FETCH && !((CursorCommand.Fetch) command).move();
            case COPY -> false;
            default -> true;
        };
    }
}
