package se.nyckeltal.jobs.schedule.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One task of one run (Airflow's task instance).
 *
 * @param tryNumber attempts started so far (1 while the first runs)
 * @param maxTries the task's retries (Airflow's max_tries)
 * @param nextRetryAt when an up_for_retry task may start again
 * @param pid the task's process while it runs (kept afterwards, as Airflow does)
 * @param pidStartedAt when that process started, so recovery never kills a recycled pid
 * @param exitCode the last attempt's exit code
 * @param note why the state is what it is, when that is not obvious (timeout, recovery, retries)
 */
public record TaskInstance(String taskId, TaskState state, int tryNumber, int maxTries, Instant queuedWhen,
        Instant startDate, Instant endDate, Instant nextRetryAt, Long pid, Instant pidStartedAt, Integer exitCode,
        String hostname, String note) {

    public TaskInstance {
        requireNonNull(taskId, "taskId");
        requireNonNull(state, "state");
    }

    public static TaskInstance waiting(String taskId, int maxTries) {
        return new TaskInstance(taskId, TaskState.NONE, 0, maxTries, null, null, null, null, null, null, null, null,
                null);
    }

    public TaskInstance withState(TaskState next, String why) {
        return new TaskInstance(taskId, next, tryNumber, maxTries, queuedWhen, startDate, endDate, nextRetryAt, pid,
                pidStartedAt, exitCode, hostname, why == null ? note : why);
    }

    public TaskInstance scheduled() {
        return withState(TaskState.SCHEDULED, null);
    }

    public TaskInstance started(Instant now, long processId, Instant processStart, String host) {
        return new TaskInstance(taskId, TaskState.RUNNING, tryNumber + 1, maxTries, now, now, null, null, processId,
                processStart, null, host, null);
    }

    public TaskInstance finished(TaskState end, Instant now, Integer exit, String why) {
        return new TaskInstance(taskId, end, tryNumber, maxTries, queuedWhen, startDate, now, null, pid, pidStartedAt,
                exit, hostname, why);
    }

    public TaskInstance retryAt(Instant now, Instant retryAt, Integer exit, String why) {
        return new TaskInstance(taskId, TaskState.UP_FOR_RETRY, tryNumber, maxTries, queuedWhen, startDate, now,
                retryAt, pid, pidStartedAt, exit, hostname, why);
    }

    /** Back to waiting for a rerun (a cleared run), keeping the count of attempts as Airflow does. */
    public TaskInstance cleared() {
        return new TaskInstance(taskId, TaskState.NONE, tryNumber, tryNumber + maxTries, null, null, null, null, null,
                null, null, null, null);
    }
}
