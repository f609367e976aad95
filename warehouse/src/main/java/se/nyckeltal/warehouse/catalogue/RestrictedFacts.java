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
 * at query time, from the analysts' catalogue. Sums over groups too small to publish live in TEMP tables
 * ({@code sql/temp/}), which the build reads and the published file never holds; a view may not read them
 * (it would fail after the build, or worse, be built over what must stay hidden). The rules are checked on
 * every build.
 */
final class RestrictedFacts {
    private static final String TEMP_PREFIX = "TEMP.";

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
                String statement = statement(file.text());
                if (file.text().contains(placeholder) && !statement.startsWith("CREATE TABLE")
                        && !statement.startsWith("CREATE TEMP TABLE")) {
                    throw new IllegalStateException("sql/" + file.path() + " reads the restricted fact " + fact.table()
                            + " but is not a CREATE TABLE: employee-level data must never be behind a view");
                }
            }
        }
    }

    /** No view, KPI definitions included (they become the view internal.kpi_components), reads a TEMP table. */
    static void checkNoViewReadsTemp(BuildOrder order, String kpiDefinitionsSql) {
        for (BuildOrder.SqlFile file : order.derived()) {
            String statement = statement(file.text());
            if (statement.startsWith("CREATE VIEW") && statement.contains(TEMP_PREFIX)) {
                throw new IllegalStateException("sql/" + file.path() + " is a view that reads a build-only TEMP table"
                        + " (temp.…); make it a CREATE TABLE or read the published table instead");
            }
            if (file.path().startsWith("temp/") && !statement.startsWith("CREATE TEMP TABLE")) {
                throw new IllegalStateException("sql/" + file.path() + " is under temp/ but not a CREATE TEMP TABLE");
            }
        }
        if (statement(kpiDefinitionsSql).contains(TEMP_PREFIX)) {
            throw new IllegalStateException("a KPI definition reads a build-only TEMP table (temp.…); KPI definitions"
                    + " become the view internal.kpi_components and may read only published tables");
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
