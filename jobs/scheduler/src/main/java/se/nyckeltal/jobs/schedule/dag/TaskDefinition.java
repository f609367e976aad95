package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One task of a DAG: a shell command (normally {@code nyckeltal task run …}) with Airflow templates,
 * the tasks it waits for, its retry policy and its priority.
 *
 * @param executionTimeout the process is killed after this long, or null
 * @param priorityWeight Airflow's priority_weight (default 1); with {@code weightRule} it orders the ready
 *     tasks that wait for a free slot ({@link DagDefinition#priorityWeightTotal})
 */
public record TaskDefinition(String taskId, CommandTemplate command, List<String> upstream, TriggerRule triggerRule,
        RetryPolicy retry, Duration executionTimeout, int priorityWeight, WeightRule weightRule) {
    /** Airflow's default priority_weight. */
    public static final int DEFAULT_PRIORITY_WEIGHT = 1;

    public TaskDefinition {
        requireNonNull(taskId, "taskId");
        requireNonNull(command, "command");
        upstream = List.copyOf(upstream);
        requireNonNull(triggerRule, "triggerRule");
        requireNonNull(retry, "retry");
        requireNonNull(weightRule, "weightRule");
    }

    /** A task with Airflow's default priority: weight 1, weight rule downstream. */
    public TaskDefinition(String taskId, CommandTemplate command, List<String> upstream, TriggerRule triggerRule,
            RetryPolicy retry, Duration executionTimeout) {
        this(taskId, command, upstream, triggerRule, retry, executionTimeout, DEFAULT_PRIORITY_WEIGHT,
                WeightRule.DOWNSTREAM);
    }
}
