package se.nyckeltal.jobs.schedule.task;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.Set;
import se.nyckeltal.schemas.calendar.Easter;

/**
 * Swedish working days (arbetsdagar): Monday to Friday that are not a public holiday or one of the eves
 * offices close (julafton, nyårsafton, midsommarafton). The regions' rapportplan says "Ekonomirapporter
 * tillgängliga" on a working day of the month, e.g. the 4th.
 */
public final class WorkingDays {
    private static final Set<MonthDay> FIXED = Set.of(MonthDay.of(1, 1), MonthDay.of(1, 6), MonthDay.of(5, 1),
            MonthDay.of(6, 6), MonthDay.of(12, 24), MonthDay.of(12, 25), MonthDay.of(12, 26), MonthDay.of(12, 31));

    private WorkingDays() {}

    public static boolean isWorkingDay(LocalDate date) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        if (FIXED.contains(MonthDay.from(date))) {
            return false;
        }
        LocalDate easter = Easter.sunday(date.getYear());
        LocalDate midsummerEve = LocalDate.of(date.getYear(), 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        return !(date.equals(easter.minusDays(2)) || date.equals(easter.plusDays(1)) || date.equals(easter.plusDays(39))
                || date.equals(midsummerEve));
    }

    /** The n-th working day (1-based) of a month, empty when the month has fewer. */
    public static Optional<LocalDate> nthWorkingDay(YearMonth month, int n) {
        int found = 0;
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            if (isWorkingDay(day) && ++found == n) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }
}
