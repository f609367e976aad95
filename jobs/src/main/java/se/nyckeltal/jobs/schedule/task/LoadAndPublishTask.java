package se.nyckeltal.jobs.schedule.task;

import java.io.PrintWriter;
import java.time.Clock;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.LoadFailedException;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.SparkHandOff;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * load_and_publish: the load ({@code nyckeltal load}) — stage every new file's facts, commit them,
 * build the catalogue and publish it (compare-and-swap on the snapshot the load started from), all
 * in one process; verify_published then checks what analysts see. What the run's ingest tasks staged
 * is committed as it is when it was made from exactly what this load ingests from; any other source is
 * ingested here, as by {@code nyckeltal load}.
 */
final class LoadAndPublishTask implements NightlyTask {
    @Override
    public boolean opensCatalogue() {
        return true;
    }

    @Override
    public int run(TaskContext context) {
        PrintWriter out = context.out();
        LoadSettings settings = context.loadSettings();
        LoadProgress progress = (step, done, total) -> out.printf("[%d/%d] %s%n", Math.min(done + 1, total), total, step);
        try {
            // The clock stamps the load id only; the business date is the run's.
            LoadRecord record = new LoadJob(settings, () -> SparkSessions.getOrCreate("nyckeltal-load_and_publish"),
                    SparkHandOff::stopAndShrink, Clock.systemUTC(), progress).run();
            out.printf("load %s: %s%n", record.loadId(), record.outcome());
            for (FileOutcome file : record.files()) {
                out.printf("  %-40s %-22s rows %7d  quarantined %4d%n", file.path(), file.status(), file.rowsLoaded(),
                        file.rowsQuarantined());
            }
            if (record.message() != null) {
                out.println(record.message());
            }
            return SUCCESS;
        } catch (LoadFailedException e) {
            out.println("failed: " + e.getMessage());
            if (e.hint() != null) {
                out.println("hint: " + e.hint());
            }
            return FAILED;
        }
    }
}
