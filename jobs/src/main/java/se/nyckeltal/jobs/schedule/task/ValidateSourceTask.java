package se.nyckeltal.jobs.schedule.task;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.jobs.load.SourceCheck;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.warehouse.FileOutcome;

/**
 * validate_ledger, validate_production, validate_hr: validates the source's new deliveries with the
 * load's own ingest in a scratch area (nothing is published). Fails when a file would be refused,
 * so the run stops before the load; exits 99 (skipped) when the source has no new files, or is one this
 * version does not load.
 */
final class ValidateSourceTask implements NightlyTask {
    private final SourceKind source;

    ValidateSourceTask(SourceKind source) {
        this.source = requireNonNull(source, "source");
    }

    @Override
    public int run(TaskContext context) {
        PrintWriter out = context.out();
        LoadSettings settings = new LoadSettings(context.landing(), context.warehouse(), LoadSettings.DEFAULT_REJECT_THRESHOLD);
        SourceCheck.Result result = SourceCheck.run(source, settings,
                () -> SparkSessions.getOrCreate("nyckeltal-" + context.taskId()));
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
            out.printf("failed: %d new %s file(s) checked; the load would refuse the file(s) marked REFUSED%n",
                    result.waitingFiles(), source.folder());
            return FAILED;
        }
        out.printf("%d new %s file(s) valid and ready for the load%n", result.waitingFiles(), source.folder());
        return SUCCESS;
    }
}
