package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    public List<String> upstream(String taskId) {
        return task(taskId).map(TaskDefinition::upstream).orElse(List.of());
    }

    /**
     * Airflow's effective priority weight of a task (its priority_weight_total): by its weight_rule, its own
     * priority_weight plus that of every task downstream of it (downstream, the default), of every task
     * upstream of it (upstream), or its own alone (absolute). Of the tasks ready to start, those with the
     * higher total get the free slots first.
     */
    public int priorityWeightTotal(String taskId) {
        TaskDefinition task = task(taskId).orElseThrow(() -> new IllegalArgumentException("no task " + taskId));
        return switch (task.weightRule()) {
            case ABSOLUTE -> task.priorityWeight();
            case DOWNSTREAM -> total(task.priorityWeight(), relatives(taskId, this::downstream));
            case UPSTREAM -> total(task.priorityWeight(), relatives(taskId, this::upstream));
        };
    }

    /** {@code own} plus the weights of {@code taskIds}, kept within an int (Airflow clamps to 32 bits too). */
    private int total(int own, Set<String> taskIds) {
        long sum = own + taskIds.stream().mapToLong(id -> task(id).map(TaskDefinition::priorityWeight).orElse(0)).sum();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sum));
    }

    /** Every task reachable from {@code taskId} by {@code next}, transitively, without the task itself. */
    private static Set<String> relatives(String taskId, Function<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(taskId));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(next.apply(id));
            }
        }
        return seen;
    }
}
