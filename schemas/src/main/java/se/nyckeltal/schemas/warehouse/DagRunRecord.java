package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One run of a DAG that loads this warehouse, as the scheduler last saw it: one row of meta.dag_runs,
 * shown to analysts next to meta.loads. Written by the scheduler under
 * {@link WarehouseLayout#dagRunFile}, read by the catalogue build; times are UTC instants.
 *
 * @param failedTasks {@code task:state} of every failed or upstream_failed task, comma-separated
 */
public record DagRunRecord(
        String dagId,
        String runId,
        String runType,
        String state,
        Instant logicalDate,
        Instant dataIntervalStart,
        Instant dataIntervalEnd,
        Instant queuedAt,
        Instant startDate,
        Instant endDate,
        Instant deadlineAt,
        boolean deadlineMissed,
        int tasksTotal,
        int tasksSucceeded,
        int tasksFailed,
        int tasksSkipped,
        String failedTasks,
        String note) {
    public DagRunRecord {
        requireNonNull(dagId, "dagId");
        requireNonNull(runId, "runId");
        requireNonNull(state, "state");
    }
}
