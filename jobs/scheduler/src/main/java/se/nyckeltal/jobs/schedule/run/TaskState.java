package se.nyckeltal.jobs.schedule.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A task instance's state, with Airflow's names: none (waiting for upstream), scheduled (may run,
 * waiting for a free slot), queued, running, then success, failed, skipped or upstream_failed;
 * up_for_retry waits for its retry time.
 */
public enum TaskState {
    NONE, SCHEDULED, QUEUED, RUNNING, SUCCESS, FAILED, UP_FOR_RETRY, UPSTREAM_FAILED, SKIPPED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TaskState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** No more attempts will be made in this run. */
    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == SKIPPED || this == UPSTREAM_FAILED;
    }

    /** Counts as failed for downstream trigger rules. */
    public boolean failedLike() {
        return this == FAILED || this == UPSTREAM_FAILED;
    }
}
