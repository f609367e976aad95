package se.nyckeltal.jobs.schedule.dag;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * When a scheduled run should have finished: a local time of day ({@code deadline: "06:00"} — the
 * first 06:00 at or after the end of the run's data interval, in the DAG's time zone) or a duration
 * after the interval's end ({@code deadline: 90m}, like Airflow 2's sla).
 *
 * @param timeOfDay set for the local-time form
 * @param afterIntervalEnd set for the duration form
 */
public record Deadline(LocalTime timeOfDay, Duration afterIntervalEnd) {
    public Deadline {
        if ((timeOfDay == null) == (afterIntervalEnd == null)) {
            throw new IllegalArgumentException("a deadline is a time of day or a duration");
        }
    }

    public static Deadline parse(String text) {
        if (text.matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
            try {
                return new Deadline(LocalTime.parse(text.length() == 4 ? "0" + text : text), null);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a time of day (HH:MM)");
            }
        }
        try {
            return new Deadline(null, DurationText.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a local time (06:00) nor a duration (90m)");
        }
    }

    public Instant at(Instant intervalEnd, ZoneId zone) {
        if (afterIntervalEnd != null) {
            return intervalEnd.plus(afterIntervalEnd);
        }
        ZonedDateTime end = intervalEnd.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(end.toLocalDate(), timeOfDay, zone);
        return candidate.isBefore(end) ? ZonedDateTime.of(end.toLocalDate().plusDays(1), timeOfDay, zone).toInstant()
                : candidate.toInstant();
    }

    @Override
    public String toString() {
        return timeOfDay != null ? timeOfDay.toString() : DurationText.format(afterIntervalEnd);
    }
}
