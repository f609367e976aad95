package se.nyckeltal.jobs.schedule.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A DAG run's state, with Airflow's names. */
public enum RunState {
    QUEUED, RUNNING, SUCCESS, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == SUCCESS || this == FAILED;
    }
}
