package se.nyckeltal.warehouse.catalogue;

import static se.nyckeltal.warehouse.catalogue.Rows.row;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import se.nyckeltal.schemas.warehouse.DagRunRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * Fills meta.dag_runs from the scheduler's run records ({@link WarehouseStore#dagRunRecords()}; a
 * half-written record of a crashed scheduler is skipped there).
 */
final class DagRunTables {
    private DagRunTables() {}

    static void insert(Connection connection, WarehouseLayout layout) throws SQLException {
        List<List<Object>> rows = new WarehouseStore(layout).dagRunRecords().stream()
                .map(run -> row(run.dagId(), run.runId(), run.runType(), run.state(), text(run.logicalDate()),
                        text(run.dataIntervalStart()), text(run.dataIntervalEnd()), text(run.queuedAt()),
                        text(run.startDate()), text(run.endDate()), text(run.deadlineAt()), run.deadlineMissed(),
                        run.tasksTotal(), run.tasksSucceeded(), run.tasksFailed(), run.tasksSkipped(),
                        run.failedTasks(), run.note()))
                .toList();
        Rows.insert(connection, "INSERT INTO meta.dag_runs VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMPTZ),"
                + " CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ),"
                + " CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
