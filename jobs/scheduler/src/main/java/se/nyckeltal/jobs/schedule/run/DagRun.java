package se.nyckeltal.jobs.schedule.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.nyckeltal.jobs.schedule.dag.DataInterval;

/**
 * One run of a DAG, as stored and as the API shows it (Airflow's DagRun with its task instances).
 *
 * @param logicalDate Airflow's logical date: the data interval's start for scheduled and backfill
 *     runs, the trigger time for manual runs
 * @param deadlineAt when this run should be done (scheduled runs of a DAG with a deadline), or null
 * @param deadlineMissed set once the run was still going, or finished, after its deadline
 */
public record DagRun(String dagId, String runId, RunType runType, RunState state, Instant logicalDate,
        Instant dataIntervalStart, Instant dataIntervalEnd, Instant queuedAt, Instant startDate, Instant endDate,
        Map<String, Object> conf, boolean externalTrigger, Instant deadlineAt, boolean deadlineMissed, String note,
        List<TaskInstance> taskInstances) {

    public DagRun {
        requireNonNull(dagId, "dagId");
        requireNonNull(runId, "runId");
        requireNonNull(runType, "runType");
        requireNonNull(state, "state");
        requireNonNull(logicalDate, "logicalDate");
        conf = conf == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        taskInstances = List.copyOf(taskInstances);
    }

    public DataInterval dataInterval() {
        return new DataInterval(dataIntervalStart, dataIntervalEnd);
    }

    public Optional<TaskInstance> task(String taskId) {
        return taskInstances.stream().filter(t -> t.taskId().equals(taskId)).findFirst();
    }

    public DagRun withTask(TaskInstance task) {
        List<TaskInstance> tasks = new ArrayList<>(taskInstances);
        boolean replaced = false;
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).taskId().equals(task.taskId())) {
                tasks.set(i, task);
                replaced = true;
            }
        }
        if (!replaced) {
            tasks.add(task);
        }
        return new DagRun(dagId, runId, runType, state, logicalDate, dataIntervalStart, dataIntervalEnd, queuedAt,
                startDate, endDate, conf, externalTrigger, deadlineAt, deadlineMissed, note, tasks);
    }

    public DagRun withTasks(List<TaskInstance> tasks) {
        return new DagRun(dagId, runId, runType, state, logicalDate, dataIntervalStart, dataIntervalEnd, queuedAt,
                startDate, endDate, conf, externalTrigger, deadlineAt, deadlineMissed, note, tasks);
    }

    public DagRun started(Instant now) {
        return new DagRun(dagId, runId, runType, RunState.RUNNING, logicalDate, dataIntervalStart, dataIntervalEnd,
                queuedAt, now, null, conf, externalTrigger, deadlineAt, deadlineMissed, note, taskInstances);
    }

    public DagRun ended(RunState end, Instant now, String why) {
        return new DagRun(dagId, runId, runType, end, logicalDate, dataIntervalStart, dataIntervalEnd, queuedAt,
                startDate, now, conf, externalTrigger, deadlineAt, deadlineMissed, why == null ? note : why,
                taskInstances);
    }

    public DagRun flagDeadlineMissed() {
        return new DagRun(dagId, runId, runType, state, logicalDate, dataIntervalStart, dataIntervalEnd, queuedAt,
                startDate, endDate, conf, externalTrigger, deadlineAt, true, note, taskInstances);
    }

    /** Queued again from the start (backfill with --reprocess): the same run, its tasks cleared. */
    public DagRun cleared(Instant now) {
        return new DagRun(dagId, runId, runType, RunState.QUEUED, logicalDate, dataIntervalStart, dataIntervalEnd, now,
                null, null, conf, externalTrigger, deadlineAt, deadlineMissed, "cleared for reprocessing",
                taskInstances.stream().map(TaskInstance::cleared).toList());
    }
}
