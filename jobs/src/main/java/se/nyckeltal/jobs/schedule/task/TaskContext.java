package se.nyckeltal.jobs.schedule.task;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import se.nyckeltal.jobs.load.LoadSettings;

/**
 * What a task of the nightly DAG gets from its run — never from the wall clock: the business date
 * ({@code ds}), the data interval and the run id, plus where the landing zone and the warehouse are.
 *
 * @param minFileAge landing files modified more recently than this wait for a later run (still being written)
 */
public record TaskContext(String dagId, String taskId, LocalDate ds, Instant dataIntervalStart,
        Instant dataIntervalEnd, String runId, Path landing, Path warehouse, PrintWriter out, Duration minFileAge) {
    public TaskContext {
        requireNonNull(taskId, "taskId");
        minFileAge = minFileAge == null ? Duration.ZERO : minFileAge;
        requireNonNull(ds, "ds");
        requireNonNull(landing, "landing");
        requireNonNull(warehouse, "warehouse");
        requireNonNull(out, "out");
    }

    /** A context in which the load reads every landing file, however recently written. */
    public TaskContext(String dagId, String taskId, LocalDate ds, Instant dataIntervalStart, Instant dataIntervalEnd,
            String runId, Path landing, Path warehouse, PrintWriter out) {
        this(dagId, taskId, ds, dataIntervalStart, dataIntervalEnd, runId, landing, warehouse, out, Duration.ZERO);
    }

    /**
     * The load's settings for this run, the same for the ingest tasks and load_and_publish: the default reject
     * threshold, the run's business date — its data interval end (ACTUAL periods after the month following it
     * are quarantined: they cannot have happened yet) — the landing rules, and the run whose prepared ingests
     * the load may commit.
     */
    public LoadSettings loadSettings() {
        LocalDate businessDate = dataIntervalEnd == null ? ds : LocalDate.ofInstant(dataIntervalEnd, ZoneOffset.UTC);
        LoadSettings settings = new LoadSettings(landing, warehouse, LoadSettings.DEFAULT_REJECT_THRESHOLD)
                .withBusinessDate(businessDate).withLandingRules(minFileAge, false);
        return runId == null ? settings : settings.withPreparedRun(runId);
    }

    /** The line every task starts its log with, so a log says which run and interval it belongs to. */
    public String header() {
        return dagId + "." + taskId + " run " + runId + ": business date " + ds + ", data interval "
                + dataIntervalStart + " .. " + dataIntervalEnd;
    }
}
