package se.nyckeltal.jobs.schedule.task;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * verify_published: the catalogue analysts now get is the one the load published, opens read-only
 * and answers its KPI view. Fails when it does not (and with it the run). Runs beside data_quality_checks, which
 * reads the same published catalogue.
 */
final class VerifyPublishedTask implements NightlyTask {
    @Override
    public boolean opensCatalogue() {
        return true;
    }

    @Override
    public int run(TaskContext context) throws SQLException {
        PrintWriter out = context.out();
        WarehouseLayout layout = new WarehouseLayout(context.warehouse());
        String current = new WarehouseStore(layout).currentSnapshotId().orElse(null);
        if (current == null) {
            out.println("failed: nothing is published in " + layout.root());
            return FAILED;
        }
        try (Connection connection = Catalogue.openReadOnly(layout)) {
            String snapshot = single(connection, "SELECT snapshot_id FROM meta.snapshot");
            if (!current.equals(snapshot)) {
                out.printf("failed: %s/current names %s but its catalogue says %s%n", layout.root(), current, snapshot);
                return FAILED;
            }
            out.printf("published snapshot %s (load %s)%n", snapshot, single(connection, "SELECT load_id FROM meta.snapshot"));
            out.printf("kpi.kpi_values: %s rows, periods %s .. %s%n",
                    single(connection, "SELECT count(*) FROM kpi.kpi_values"),
                    single(connection, "SELECT min(period) FROM kpi.kpi_values"),
                    single(connection, "SELECT max(period) FROM kpi.kpi_values"));
            out.printf("meta.loads: %s load(s) recorded%n", single(connection, "SELECT count(*) FROM meta.loads"));
        }
        return SUCCESS;
    }

    /** A fresh statement per query: DuckDB JDBC closes a statement after a failed one (SPEC §9). */
    static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
