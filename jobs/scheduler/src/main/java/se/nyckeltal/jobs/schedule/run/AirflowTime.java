package se.nyckeltal.jobs.schedule.run;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Date-times as Airflow prints them — in templates ({@code {{ data_interval_start }}}), run ids and
 * the REST API: ISO-8601 in UTC with {@code +00:00}, microseconds only when there are any.
 */
public final class AirflowTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private AirflowTime() {}

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        OffsetDateTime utc = instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc);
    }

    /** Accepts any ISO-8601 date-time with an offset (Z or ±hh:mm). */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text.trim().replace(' ', 'T')).toInstant();
    }
}
