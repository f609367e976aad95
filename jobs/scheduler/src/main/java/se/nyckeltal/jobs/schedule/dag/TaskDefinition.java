package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One task of a DAG: a shell command (normally {@code nyckeltal task run …}) with Airflow templates,
 * the tasks it waits for and its retry policy.
 *
 * @param executionTimeout the process is killed after this long, or null
 */
public record TaskDefinition(String taskId, CommandTemplate command, List<String> upstream, TriggerRule triggerRule,
        RetryPolicy retry, Duration executionTimeout) {
    public TaskDefinition {
        requireNonNull(taskId, "taskId");
        requireNonNull(command, "command");
        upstream = List.copyOf(upstream);
        requireNonNull(triggerRule, "triggerRule");
        requireNonNull(retry, "retry");
    }
}
