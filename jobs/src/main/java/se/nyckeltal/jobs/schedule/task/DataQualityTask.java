package se.nyckeltal.jobs.schedule.task;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * data_quality_checks: reads meta.data_quality of the published catalogue, lists every finding, and
 * fails when one has severity error. A file_rejected finding is listed but does not fail the task:
 * it records a load that was refused (and failed its own run) before a later load published.
 */
final class DataQualityTask implements NightlyTask {
    @Override
    public boolean opensCatalogue() {
        return true;
    }

    @Override
    public int run(TaskContext context) throws SQLException {
        PrintWriter out = context.out();
        int errors = 0;
        int warnings = 0;
        try (Connection connection = Catalogue.openReadOnly(new WarehouseLayout(context.warehouse()));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT check_id, severity, source, subject, detail"
                        + " FROM meta.data_quality ORDER BY severity, check_id, source, subject")) {
            while (rs.next()) {
                String check = rs.getString("check_id");
                boolean error = "error".equals(rs.getString("severity")) && !"file_rejected".equals(check);
                errors += error ? 1 : 0;
                warnings += error ? 0 : 1;
                out.printf("%-7s %-22s %-10s %s: %s%n", error ? "ERROR" : rs.getString("severity"), check,
                        rs.getString("source"), rs.getString("subject"), rs.getString("detail"));
            }
        }
        out.printf("meta.data_quality: %d error(s), %d other finding(s)%n", errors, warnings);
        return errors > 0 ? FAILED : SUCCESS;
    }
}
