package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A run's data interval {@code [start, end)}; Airflow's logical date is its start. */
public record DataInterval(Instant start, Instant end) {
    public DataInterval {
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval ends before it starts: " + start + " .. " + end);
        }
    }
}
