package se.nyckeltal.schemas.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/** Periods as {@code YYYYMM}, {@code YYYY-MM} or a date {@code YYYY-MM-DD} (SPEC §3); dates as {@code YYYY-MM-DD}. */
public final class PeriodText {
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2199;

    private PeriodText() {}

    public static YearMonth parsePeriod(String text) {
        String s = text == null ? "" : text.strip();
        try {
            if (s.length() == 6 && allDigits(s)) {
                return checked(YearMonth.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4))), text);
            }
            if (s.length() == 7 && s.charAt(4) == '-' && allDigits(s.substring(0, 4)) && allDigits(s.substring(5))) {
                return checked(YearMonth.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5))), text);
            }
            if (s.length() == 10) {
                try {
                    return YearMonth.from(parseDate(s));
                } catch (ExtractFormatException notADate) {
                    // A period column explains all three forms, not only the date form: below.
                }
            }
        } catch (DateTimeException e) {
            // fall through to the message below
        }
        throw new ExtractFormatException("'" + s + "' is not a period: write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)");
    }

    public static LocalDate parseDate(String text) {
        String s = text == null ? "" : text.strip();
        try {
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && allDigits(s.substring(0, 4))
                    && allDigits(s.substring(5, 7)) && allDigits(s.substring(8))) {
                LocalDate date = LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)),
                        Integer.parseInt(s.substring(8)));
                checked(YearMonth.from(date), text);
                return date;
            }
        } catch (DateTimeException e) {
            // fall through
        }
        throw new ExtractFormatException("'" + s + "' is not a date: write YYYY-MM-DD (e.g. 2024-03-31)");
    }

    /** The integer form used in facts and in kpi.kpi_values: YYYYMM. */
    public static int yyyymm(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }

    public static YearMonth fromYyyymm(int period) {
        return YearMonth.of(period / 100, period % 100);
    }

    private static YearMonth checked(YearMonth month, String text) {
        if (month.getYear() < MIN_YEAR || month.getYear() > MAX_YEAR) {
            throw new ExtractFormatException("'" + text.strip() + "' has an implausible year " + month.getYear());
        }
        return month;
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
