package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field Unix cron expression ({@code minute hour day-of-month month day-of-week}) as Airflow
 * reads it, evaluated on local wall-clock time. Time zones are the {@link CronTimetable}'s job.
 *
 * <p>Fields take {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, lists
 * {@code a,b}, and the names JAN–DEC and SUN–SAT; day-of-week 0 and 7 are both Sunday.
 */
public final class CronSchedule {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
        "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Far enough to find Feb 29 on a Monday; an expression with no match in this span never fires. */
    private static final int SEARCH_YEARS = 30;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
            BitSet daysOfWeek, boolean dayOfMonthRestricted, boolean dayOfWeekRestricted) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayOfMonthRestricted = dayOfMonthRestricted;
        this.dayOfWeekRestricted = dayOfWeekRestricted;
    }

    /** @throws IllegalArgumentException with a message naming the field that is wrong */
    public static CronSchedule parse(String expression) {
        requireNonNull(expression, "expression");
        String[] parts = expression.trim().split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("'" + expression + "' has " + parts.length
                    + " field(s); a cron expression has 5: minute hour day-of-month month day-of-week, e.g. '30 4 * * *'");
        }
        BitSet minutes = field(parts[0], "minute", 0, 59, null);
        BitSet hours = field(parts[1], "hour", 0, 23, null);
        BitSet dom = field(parts[2], "day-of-month", 1, 31, null);
        BitSet months = field(parts[3], "month", 1, 12, MONTHS);
        BitSet dow = field(parts[4], "day-of-week", 0, 7, DAYS);
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        boolean domRestricted = !parts[2].equals("*") && !parts[2].equals("?");
        boolean dowRestricted = !parts[4].equals("*") && !parts[4].equals("?");
        if (domRestricted && dowRestricted) {
            // Unix cron ORs the two day fields; Quartz, which fires our ticks, cannot express that.
            throw new IllegalArgumentException("'" + expression + "' restricts both day-of-month and day-of-week;"
                    + " use one of them (write '*' in the other), or two DAGs");
        }
        CronSchedule cron = new CronSchedule(expression.trim().replaceAll("\\s+", " "), minutes, hours, dom, months,
                dow, domRestricted, dowRestricted);
        if (cron.nextLocal(LocalDateTime.of(2000, 1, 1, 0, 0)) == null) {
            throw new IllegalArgumentException("'" + expression + "' never fires (no such day)");
        }
        return cron;
    }

    public String expression() {
        return expression;
    }

    /** True when every hour of the day has a tick: such schedules step in absolute time across DST (as Airflow). */
    public boolean coversEveryHour() {
        return hours.cardinality() == 24;
    }

    public boolean matches(LocalDateTime time) {
        return minutes.get(time.getMinute()) && hours.get(time.getHour()) && months.get(time.getMonthValue())
                && dayMatches(time.toLocalDate());
    }

    /** The first matching minute strictly after {@code after}, or null if there is none within decades. */
    public LocalDateTime nextLocal(LocalDateTime after) {
        LocalDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        return null;
    }

    /** The last matching minute strictly before {@code before}, or null if there is none within decades. */
    public LocalDateTime previousLocal(LocalDateTime before) {
        LocalDateTime floor = before.truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime t = floor.equals(before) ? floor.minusMinutes(1) : floor;
        LocalDateTime limit = t.minusYears(SEARCH_YEARS);
        while (t.isAfter(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.minusMinutes(1);
            } else {
                return t;
            }
        }
        return null;
    }

    /**
     * The same schedule as a Quartz cron expression (seconds first, {@code ?} in the unused day field,
     * Sunday = 1), written as explicit lists so nothing is lost in translation.
     */
    public String quartzExpression() {
        String dom = dayOfWeekRestricted ? "?" : list(daysOfMonth, 1, 31, null);
        String dow = dayOfWeekRestricted ? list(daysOfWeek, 0, 6, DAYS) : "?";
        if (!dayOfMonthRestricted && !dayOfWeekRestricted) {
            dom = "*";
            dow = "?";
        }
        return "0 " + list(minutes, 0, 59, null) + " " + list(hours, 0, 23, null) + " " + dom + " "
                + list(months, 1, 12, null) + " " + dow;
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted) {
            return dom;
        }
        return dayOfWeekRestricted ? dow : true;
    }

    private static String list(BitSet bits, int min, int max, String[] names) {
        if (bits.cardinality() == max - min + 1) {
            return "*";
        }
        List<String> values = new ArrayList<>();
        for (int i = bits.nextSetBit(min); i >= 0 && i <= max; i = bits.nextSetBit(i + 1)) {
            values.add(names == null ? Integer.toString(i) : names[i]);
        }
        return String.join(",", values);
    }

    private static BitSet field(String text, String name, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException(name + " field '" + text + "' has an empty list item");
            }
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), name, 1, max - min + 1, null, item);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max == 7 ? 6 : max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(name + " field: '" + item + "' is not a range like 1-5");
                }
                from = number(ends[0], name, min, max, names, item);
                to = number(ends[1], name, min, max, names, item);
                if (to < from) {
                    throw new IllegalArgumentException(name + " field: range '" + item + "' runs backwards");
                }
            } else {
                from = number(range, name, min, max, names, item);
                to = slash >= 0 ? (max == 7 ? 6 : max) : from;
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, String name, int min, int max, String[] names, String item) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " field: " + value + " in '" + item + "' is outside "
                        + min + "–" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " field: '" + text + "' in '" + item + "' is not a number"
                    + (names == null ? "" : " or a name (" + String.join(", ", names).toLowerCase(Locale.ROOT) + ")"));
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
