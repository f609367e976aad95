package se.nyckeltal.jobs.schedule.dag;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in DAG files: ISO-8601 ({@code PT5M}, {@code P1D}), {@code 300s}, {@code 5m}, {@code 1h30m}, {@code 2d}, or seconds. */
public final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private DurationText() {}

    /** @throws IllegalArgumentException saying which forms are accepted */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = SHORT.matcher(t.replace(" ", ""));
        if (t.isEmpty() || !m.matches()) {
            throw invalid(text);
        }
        Duration d = Duration.ZERO;
        d = m.group(1) == null ? d : d.plusDays(Long.parseLong(m.group(1)));
        d = m.group(2) == null ? d : d.plusHours(Long.parseLong(m.group(2)));
        d = m.group(3) == null ? d : d.plusMinutes(Long.parseLong(m.group(3)));
        d = m.group(4) == null ? d : d.plusSeconds(Long.parseLong(m.group(4)));
        return d;
    }

    /** Short form for people and logs: 1h30m, 300s → 5m. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long s = duration.getSeconds();
        if (s / 86_400 > 0) {
            b.append(s / 86_400).append('d');
        }
        if (s % 86_400 / 3600 > 0) {
            b.append(s % 86_400 / 3600).append('h');
        }
        if (s % 3600 / 60 > 0) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || b.length() == 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 300s, 5m, 1h30m, 2d or"
                + " ISO-8601 PT5M");
    }
}
