package se.nyckeltal.jobs.schedule.run;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.warehouse.DagRunRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * Mirrors each run of a DAG that loads a warehouse (a DAG with a {@code warehouse} param) into the
 * warehouse as a {@link DagRunRecord} ({@link WarehouseLayout#dagRunFile}), so the catalogue can show
 * analysts the recent nightly runs (meta.dag_runs) next to meta.loads. The scheduler never reads
 * them back.
 */
public final class WarehouseRunRecords {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseRunRecords.class);

    private WarehouseRunRecords() {}

    public static Path file(Path warehouse, String dagId, String runId) {
        return new WarehouseLayout(warehouse).dagRunFile(dagId, runId);
    }

    /** Best effort: a warehouse that cannot be written is logged, never a reason to stop scheduling. */
    public static void write(Path warehouse, DagRun run) {
        try {
            new WarehouseStore(new WarehouseLayout(warehouse)).writeDagRunRecord(record(run));
        } catch (UncheckedIOException e) {
            LOG.warn("cannot write the run record {}: {}", file(warehouse, run.dagId(), run.runId()), e.getMessage());
        }
    }

    static DagRunRecord record(DagRun run) {
        int failed = (int) run.taskInstances().stream().filter(t -> t.state().failedLike()).count();
        return new DagRunRecord(run.dagId(), run.runId(), run.runType().wire(), run.state().wire(),
                run.logicalDate(), run.dataIntervalStart(), run.dataIntervalEnd(), run.queuedAt(), run.startDate(),
                run.endDate(), run.deadlineAt(), run.deadlineMissed(), run.taskInstances().size(),
                (int) run.taskInstances().stream().filter(t -> t.state() == TaskState.SUCCESS).count(), failed,
                (int) run.taskInstances().stream().filter(t -> t.state() == TaskState.SKIPPED).count(),
                run.taskInstances().stream().filter(t -> t.state().failedLike()).map(t -> t.taskId() + ":"
                        + t.state().wire()).collect(Collectors.joining(",")), run.note());
    }
}
