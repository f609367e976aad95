package se.nyckeltal.jobs.schedule.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/** How a run came about; its run id is {@code <type>__<logical date ISO>}, as Airflow's. */
public enum RunType {
    SCHEDULED, MANUAL, BACKFILL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunType fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String runId(Instant logicalDate) {
        return wire() + "__" + AirflowTime.format(logicalDate);
    }
}
