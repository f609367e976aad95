package se.nyckeltal.warehouse.gateway;

import se.nyckeltal.warehouse.gateway.sql.FixedResult;
import se.nyckeltal.warehouse.gateway.sql.StatementKind;

/**
 * How one statement is answered: by the gateway itself (session commands, canned answers), by the
 * PostgreSQL catalogue, or by the served snapshot — with the SQL that passed the read-only gate.
 *
 * @param sql the statement as the client sent it
 * @param duckSql what DuckDB runs (checked, rewritten for the catalogue); null when DuckDB is not asked
 * @param fixed the answer when the gateway knows it without DuckDB
 */
record QueryPlan(StatementKind kind, Target target, String sql, String duckSql, FixedResult fixed) {
    enum Target {
        /** Answered by the session: SET, SHOW, BEGIN … */
        SESSION,
        /** A canned answer. */
        FIXED,
        /** The gateway's PostgreSQL catalogue. */
        CATALOG,
        /** The served snapshot. */
        SNAPSHOT,
        /** EXPLAIN of a SELECT on the served snapshot, shown as PostgreSQL's one "QUERY PLAN" column. */
        EXPLAIN
    }

    boolean returnsRows() {
        return target != Target.SESSION || kind == StatementKind.SHOW;
    }
}
