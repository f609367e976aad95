package se.nyckeltal.jobs.schedule.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a task attempt. The scheduler's launcher runs the rendered command as a process
 * ({@link ProcessTaskLauncher}); tests launch in memory so the run engine's rules can be checked
 * with a fake clock and no processes.
 */
public interface TaskLauncher {

    /**
     * @param command the rendered shell command
     * @param environment Airflow's AIRFLOW_CTX_* variables for the attempt
     * @param logFile where the attempt's output goes (appended)
     */
    record Launch(String dagId, String runId, String taskId, int tryNumber, String command,
            Map<String, String> environment, Path logFile) {}

    /** An attempt in flight. */
    interface Attempt {
        long pid();

        /** When the process started, if known (recovery uses it to recognise the process). */
        java.time.Instant processStart();

        /** The exit code once it has ended. Never blocks. */
        OptionalInt exitCode();

        /** Ends it and every process it started. */
        void kill();

        /**
         * Completes when the attempt has ended, so the scheduler can act on it at once instead of at its next
         * heartbeat; an attempt that cannot tell never completes it (the heartbeat still finds the end).
         */
        default CompletableFuture<?> ended() {
            return new CompletableFuture<>();
        }
    }

    Attempt launch(Launch launch) throws IOException;
}
