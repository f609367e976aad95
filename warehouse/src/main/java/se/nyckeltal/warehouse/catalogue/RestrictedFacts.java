package se.nyckeltal.warehouse.catalogue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Employee-level facts (FactSchema.restricted, under {@code W/restricted/}) may be read while the
 * catalogue is built, into aggregated tables, and never through a view: a view would read them again
 * at query time, from the analysts' catalogue. Both rules are checked on every build.
 */
final class RestrictedFacts {
    private RestrictedFacts() {}

    /** Every SQL file that reads a restricted fact creates a table. */
    static void checkOnlyTablesRead(BuildOrder order, List<FactSchema> facts) {
        List<BuildOrder.SqlFile> files = new ArrayList<>(order.tables());
        files.addAll(order.derived());
        for (FactSchema fact : facts) {
            if (!fact.restricted()) {
                continue;
            }
            String placeholder = "${" + fact.table() + "_parquet}";
            for (BuildOrder.SqlFile file : files) {
                if (file.text().contains(placeholder) && !statement(file.text()).startsWith("CREATE TABLE")) {
                    throw new IllegalStateException("sql/" + file.path() + " reads the restricted fact " + fact.table()
                            + " but is not a CREATE TABLE: employee-level data must never be behind a view");
                }
            }
        }
    }

    /** No view of the built catalogue names the restricted folder, as an absolute or a warehouse path. */
    static void checkNothingPointsInto(Connection connection, WarehouseLayout layout) throws SQLException {
        String folder = layout.restrictedDir().toAbsolutePath().normalize().toString();
        String inWarehouse = "'/" + layout.relative(layout.restrictedDir());
        try (Statement statement = connection.createStatement();
                ResultSet views = statement.executeQuery("SELECT schema_name || '.' || view_name, sql FROM duckdb_views()"
                        + " WHERE NOT internal")) {
            while (views.next()) {
                String sql = views.getString(2);
                if (sql != null && (sql.contains(folder) || sql.contains(inWarehouse))) {
                    throw new IllegalStateException("view " + views.getString(1) + " reads " + folder
                            + ": restricted data must not be reachable from the analysts' catalogue");
                }
            }
        }
    }

    /** The statement without its leading comment lines, upper case. */
    private static String statement(String text) {
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        return sql.toString().strip().toUpperCase(Locale.ROOT);
    }
}
