package se.nyckeltal.jobs.schedule.task;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a task of the nightly DAG gets from its run — never from the wall clock: the business date
 * ({@code ds}), the data interval and the run id, plus where the landing zone and the warehouse are.
 */
public record TaskContext(String dagId, String taskId, LocalDate ds, Instant dataIntervalStart,
        Instant dataIntervalEnd, String runId, Path landing, Path warehouse, PrintWriter out) {
    public TaskContext {
        requireNonNull(taskId, "taskId");
        requireNonNull(ds, "ds");
        requireNonNull(landing, "landing");
        requireNonNull(warehouse, "warehouse");
        requireNonNull(out, "out");
    }

    /** The line every task starts its log with, so a log says which run and interval it belongs to. */
    public String header() {
        return dagId + "." + taskId + " run " + runId + ": business date " + ds + ", data interval "
                + dataIntervalStart + " .. " + dataIntervalEnd;
    }
}
