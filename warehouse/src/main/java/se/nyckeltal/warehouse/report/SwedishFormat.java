package se.nyckeltal.warehouse.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Numbers as the månadsrapport writes them: decimal comma, a space between thousands, a plain
 * hyphen-minus for negative numbers ("-321 mnkr", "-0,1 %"), an explicit plus on changes ("+2,6 %").
 * Rounds half up, as the regions' reports do.
 */
final class SwedishFormat {
    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private SwedishFormat() {}

    /** A number with the given decimals: 1234.5 → "1 234,5"; null → "". */
    static String number(BigDecimal value, int decimals) {
        if (value == null) {
            return "";
        }
        BigDecimal rounded = value.setScale(decimals, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = rounded.abs();
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(SWEDISH);
        symbols.setGroupingSeparator(' ');
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('-');
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(rounded);
    }

    /** A change with its sign: "+15", "-0,1", "0" (zero after rounding has no sign). */
    static String signed(BigDecimal value, int decimals) {
        if (value == null) {
            return "";
        }
        String text = number(value, decimals);
        return value.setScale(decimals, RoundingMode.HALF_UP).signum() > 0 ? "+" + text : text;
    }

    /** Kronor as millions: -321 000 000 → "-321" (decimals 0). */
    static String mnkr(BigDecimal kronor, int decimals) {
        return kronor == null ? "" : number(kronor.divide(MILLION), decimals);
    }

    static BigDecimal toMnkr(BigDecimal kronor) {
        return kronor == null ? null : kronor.divide(MILLION);
    }

    /** Whether two values are equal after rounding to the given decimals. */
    static boolean sameRounded(BigDecimal a, BigDecimal b, int decimals) {
        return a.setScale(decimals, RoundingMode.HALF_UP).compareTo(b.setScale(decimals, RoundingMode.HALF_UP)) == 0;
    }

    /** "mars" for 202403. */
    static String monthName(int period) {
        return YearMonth.of(period / 100, period % 100).getMonth().getDisplayName(TextStyle.FULL, SWEDISH);
    }

    /** "jan" for 202401 (the charts' axis). */
    static String monthShort(int month) {
        return new String[] {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}[month - 1];
    }

    /** "Mars" for 202403. */
    static String monthNameCapitalised(int period) {
        String name = monthName(period);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** 202403 → "2024-03". */
    static String isoPeriod(int period) {
        return String.format(Locale.ROOT, "%04d-%02d", period / 100, period % 100);
    }

    /** The period before: 202401 → 202312. */
    static int previousPeriod(int period) {
        return period % 100 == 1 ? (period / 100 - 1) * 100 + 12 : period - 1;
    }
}
