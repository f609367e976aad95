package se.nyckeltal.warehouse.catalogue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * A nightly build in a copy of the previous catalogue's file: the incremental tables (build-order.txt) keep their
 * rows of the periods the build copies where they are, and everything else is dropped and built again. A table's
 * earlier periods are then the previous catalogue's rows as they were stored — what a build in an empty file copies
 * row by row — and only the periods it recomputes are written.
 */
final class PreviousCatalogueFile {
    /** The suffix of an incremental table set aside while the build computes its recomputed periods. */
    static final String KEPT_SUFFIX = "__kept";

    private PreviousCatalogueFile() {
    }

    /**
     * Drops every view, macro and table of the copied catalogue but {@code kept}, then checkpoints, so the blocks
     * of what was dropped hold what the build writes instead of growing the file.
     *
     * @param kept the tables to keep, as schema.table
     * @return false, having dropped what it dropped, when the copy is not what a build can continue from: a kept
     *     table is missing, or an object the build never creates (a sequence, an index, a type) is there
     */
    static boolean dropAllBut(Connection connection, Set<String> kept) throws SQLException {
        for (String view : KpiTables.strings(connection, "SELECT schema_name || '.' || view_name FROM duckdb_views()"
                + " WHERE database_name = current_database() AND NOT internal AND NOT temporary")) {
            execute(connection, "DROP VIEW " + view);
        }
        for (String macro : KpiTables.strings(connection, "SELECT CASE function_type WHEN 'table_macro' THEN 'MACRO TABLE '"
                + " ELSE 'MACRO ' END || schema_name || '.' || function_name FROM duckdb_functions()"
                + " WHERE database_name = current_database() AND NOT internal"
                + " AND function_type IN ('macro', 'table_macro')")) {
            execute(connection, "DROP " + macro);
        }
        Set<String> present = new HashSet<>();
        for (String table : KpiTables.strings(connection, "SELECT schema_name || '.' || table_name FROM duckdb_tables()"
                + " WHERE database_name = current_database() AND NOT internal AND NOT temporary")) {
            if (kept.contains(table)) {
                present.add(table);
            } else {
                execute(connection, "DROP TABLE " + table);
            }
        }
        boolean others = !KpiTables.strings(connection, "SELECT sequence_name FROM duckdb_sequences()"
                + " WHERE database_name = current_database() AND NOT temporary"
                + " UNION ALL SELECT index_name FROM duckdb_indexes() WHERE database_name = current_database()"
                + " UNION ALL SELECT type_name FROM duckdb_types() WHERE database_name = current_database()"
                + " AND NOT internal").isEmpty();
        execute(connection, "CHECKPOINT");
        return present.equals(kept) && !others;
    }

    /**
     * Before the SQL file of a kept table runs (it creates the table anew): renames the kept table out of its way
     * when its earlier periods are copied, else drops it.
     */
    static void setAside(Connection connection, BuildOrder.SqlFile sql, boolean copy) throws SQLException {
        execute(connection, copy ? "ALTER TABLE " + sql.table() + " RENAME TO " + sql.bareName() + KEPT_SUFFIX
                : "DROP TABLE " + sql.table());
    }

    /**
     * After the SQL file of a kept table ran: its rows of the periods from {@code from} on replace the kept table's,
     * and the kept table takes its name back. Both are stored sorted with period first and the recomputed periods
     * come last, so the table stays sorted (lookups prune row groups by period).
     */
    static void keepEarlierPeriods(Connection connection, BuildOrder.SqlFile sql, int from) throws SQLException {
        String table = sql.table();
        String set = table + KEPT_SUFFIX;
        execute(connection, "DELETE FROM " + set + " WHERE period >= " + from);
        execute(connection, "INSERT INTO " + set + " BY NAME SELECT * FROM " + table);
        execute(connection, "DROP TABLE " + table);
        execute(connection, "ALTER TABLE " + set + " RENAME TO " + sql.bareName());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        CatalogueBuilder.execute(connection, sql, "in the copy of the previous catalogue: " + sql);
    }
}
