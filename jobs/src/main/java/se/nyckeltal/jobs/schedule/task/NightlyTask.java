package se.nyckeltal.jobs.schedule.task;

/**
 * A task of the nightly DAG as {@code nyckeltal task run TASK_ID} runs it: the exact call an
 * Airflow BashOperator makes. The exit code is the contract: {@link #SUCCESS}, {@link #SKIPPED}
 * (Airflow's skip_on_exit_code) or anything else for failed.
 */
public interface NightlyTask {
    int SUCCESS = 0;
    int FAILED = 1;
    int SKIPPED = 99;

    /** @return the exit code */
    int run(TaskContext context) throws Exception;

    /**
     * Whether the task opens a DuckDB catalogue: {@code nyckeltal task run} then loads DuckDB's native library
     * beside the task's start (DuckDbLibrary).
     */
    default boolean opensCatalogue() {
        return false;
    }
}
