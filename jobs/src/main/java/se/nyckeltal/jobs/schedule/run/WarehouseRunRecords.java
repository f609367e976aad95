package se.nyckeltal.jobs.schedule.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors each run of a DAG that loads a warehouse (a DAG with a {@code warehouse} param) into
 * {@code W/meta/dag_runs/<dag_id>__<run_id>.json}: one flat JSON object per run, so the catalogue
 * can show analysts the recent nightly runs (meta.dag_runs) next to meta.loads. The warehouse
 * module reads these files; the scheduler never reads them back.
 */
public final class WarehouseRunRecords {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseRunRecords.class);
    private static final ObjectMapper JSON = RunStore.JSON;

    /** One row of meta.dag_runs. Times are UTC instants. */
    public record DagRunRecord(String dagId, String runId, String runType, String state, Instant logicalDate,
            Instant dataIntervalStart, Instant dataIntervalEnd, Instant queuedAt, Instant startDate, Instant endDate,
            Instant deadlineAt, boolean deadlineMissed, int tasksTotal, int tasksSucceeded, int tasksFailed,
            int tasksSkipped, String failedTasks, String note) {

        static DagRunRecord of(DagRun run) {
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

    private WarehouseRunRecords() {}

    public static Path file(Path warehouse, String dagId, String runId) {
        return warehouse.resolve("meta").resolve("dag_runs")
                .resolve(dagId + "__" + URLEncoder.encode(runId, StandardCharsets.UTF_8) + ".json");
    }

    /** Best effort: a warehouse that cannot be written is logged, never a reason to stop scheduling. */
    public static void write(Path warehouse, DagRun run) {
        Path target = file(warehouse, run.dagId(), run.runId());
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(DagRunRecord.of(run)));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot write the run record {}: {}", target, e.getMessage());
        }
    }
}
