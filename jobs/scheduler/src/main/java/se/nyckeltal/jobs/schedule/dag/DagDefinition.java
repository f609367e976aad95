package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DAG as its YAML file declares it, validated: tasks in dependency order, no cycle, every upstream
 * known, every template variable known.
 *
 * @param file where it was read from (for messages and the API's fileloc)
 * @param endDate no interval starts after it, or null
 * @param dagrunTimeout a run still going after this long fails, or null
 * @param deadline when a scheduled run should be done, or null
 * @param owner default_args.owner, or null
 * @param params defaults for {{ params.x }}; a run's conf overrides them
 * @param tasks in an order where every task comes after its upstream tasks
 */
public record DagDefinition(String dagId, String description, Path file, Timetable timetable, ZoneId timezone,
        Instant startDate, Instant endDate, boolean catchup, int maxActiveRuns, Duration dagrunTimeout,
        Deadline deadline, boolean pausedUponCreation, String owner, List<String> tags, Map<String, String> params,
        List<TaskDefinition> tasks) {

    public DagDefinition {
        requireNonNull(dagId, "dagId");
        requireNonNull(timetable, "timetable");
        requireNonNull(timezone, "timezone");
        requireNonNull(startDate, "startDate");
        tags = List.copyOf(tags);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        tasks = List.copyOf(tasks);
    }

    public Optional<TaskDefinition> task(String taskId) {
        return tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst();
    }

    /** Tasks no other task waits for: the run's outcome is theirs (Airflow's leaves). */
    public List<TaskDefinition> leaves() {
        List<TaskDefinition> leaves = new ArrayList<>();
        for (TaskDefinition task : tasks) {
            if (tasks.stream().noneMatch(t -> t.upstream().contains(task.taskId()))) {
                leaves.add(task);
            }
        }
        return leaves;
    }

    public List<String> downstream(String taskId) {
        return tasks.stream().filter(t -> t.upstream().contains(taskId)).map(TaskDefinition::taskId).toList();
    }
}
