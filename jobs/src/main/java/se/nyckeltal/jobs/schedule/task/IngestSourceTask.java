package se.nyckeltal.jobs.schedule.task;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Clock;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.SourcePreparation;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.warehouse.FileOutcome;

/**
 * ingest_ledger, ingest_production, ingest_hr: the source's new deliveries through the load's own ingest
 * (same parsing, validation, reject threshold, business date and pseudonym key), staged under
 * {@code W/prepared/<run>/<source>/} for the run's load_and_publish to commit instead of parsing the files
 * again; nothing is published. Fails when a file would be refused, so the run stops before the load;
 * exits 99 (skipped) when the source has no new files, or is one this version does not load.
 */
final class IngestSourceTask implements NightlyTask {
    private final SourceKind source;

    IngestSourceTask(SourceKind source) {
        this.source = requireNonNull(source, "source");
    }

    @Override
    public int run(TaskContext context) {
        PrintWriter out = context.out();
        // A landing zone or reference data that cannot be read is the CLI's error (a LoadFailedException).
        SourcePreparation.Result result = SourcePreparation.run(source, context.loadSettings(), context.runId(),
                () -> SparkSessions.getOrCreate("nyckeltal-" + context.taskId()), Clock.systemUTC());
        result.notes().forEach(note -> out.println("note: " + note));
        if (!result.supported()) {
            out.printf("skipped: this version does not load %s extracts yet (%d file(s) waiting in %s/)%n",
                    source.folder(), result.waitingFiles(), context.landing().resolve(source.folder()));
            return SKIPPED;
        }
        if (result.waitingFiles() == 0) {
            // Nothing delivered tonight: skipped, as Airflow would short-circuit it; load_and_publish runs
            // on none_failed, so a quiet source does not hold the load back.
            out.printf("skipped: no new %s files in %s%n", source.folder(), context.landing().resolve(source.folder()));
            return SKIPPED;
        }
        for (FileOutcome file : result.outcomes()) {
            out.printf("  %-40s %-9s rows %8d  quarantined %5d%s%n", file.path(),
                    file.status() == FileOutcome.Status.REJECTED ? "REFUSED" : "valid", file.rowsLoaded(),
                    file.rowsQuarantined(), file.message() == null ? "" : "  " + file.message());
        }
        if (result.anyRejected()) {
            out.printf("failed: %d new %s file(s) checked; the load would refuse the file(s) marked REFUSED"
                    + " (nothing is staged)%n", result.waitingFiles(), source.folder());
            return FAILED;
        }
        if (result.prepared()) {
            out.printf("%d new %s file(s) valid and staged in %s for load_and_publish of run %s%n",
                    result.waitingFiles(), source.folder(), result.folder(), context.runId());
        } else {
            out.printf("%d new %s file(s) valid; nothing staged, load_and_publish reads them itself%n",
                    result.waitingFiles(), source.folder());
        }
        return SUCCESS;
    }
}
