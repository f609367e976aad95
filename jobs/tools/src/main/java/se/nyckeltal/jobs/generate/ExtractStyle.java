package se.nyckeltal.jobs.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How one generated file is written: the quirks real regional exports have (SPEC §3), so the demo
 * exercises the real parsing rather than a clean happy path.
 */
enum ExtractStyle {
    /** UTF-8, semicolons, English header, YYYYMM, decimal comma, no-break-space thousands, LF. */
    CANONICAL_UTF8(StandardCharsets.UTF_8, false, ";", "\n", PeriodStyle.YYYYMM, '-', '\u00A0', false, false),
    /** Windows-1252, semicolons, Swedish header, YYYY-MM, space thousands, CRLF (an Excel export). */
    SWEDISH_WINDOWS_1252(Charset.forName("windows-1252"), false, ";", "\r\n", PeriodStyle.YYYY_MM, '-', ' ', true, false),
    /** UTF-8 with BOM, tab-separated, periods as dates, U+2212 minus. */
    TAB_BOM_DATES(StandardCharsets.UTF_8, true, "\t", "\n", PeriodStyle.DATE, '\u2212', ' ', true, false),
    /** Comma-separated with quoted decimal-comma amounts. */
    COMMA_QUOTED(StandardCharsets.UTF_8, false, ",", "\r\n", PeriodStyle.YYYYMM, '-', ' ', false, true);

    enum PeriodStyle { YYYYMM, YYYY_MM, DATE }

    final Charset charset;
    final boolean bom;
    final String delimiter;
    final String newline;
    final PeriodStyle periodStyle;
    final char minus;
    final char thousands;
    final boolean swedishHeader;
    final boolean quoteAmounts;

    ExtractStyle(Charset charset, boolean bom, String delimiter, String newline, PeriodStyle periodStyle, char minus,
            char thousands, boolean swedishHeader, boolean quoteAmounts) {
        this.charset = charset;
        this.bom = bom;
        this.delimiter = delimiter;
        this.newline = newline;
        this.periodStyle = periodStyle;
        this.minus = minus;
        this.thousands = thousands;
        this.swedishHeader = swedishHeader;
        this.quoteAmounts = quoteAmounts;
    }

    String period(int year, int month) {
        return switch (periodStyle) {
            case YYYYMM -> year + twoDigits(month);
            case YYYY_MM -> year + "-" + twoDigits(month);
            case DATE -> java.time.YearMonth.of(year, month).atEndOfMonth().toString();
        };
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    /** An amount as this export writes it: decimal comma, grouped thousands, its own minus. */
    String amount(BigDecimal value) {
        long cents = value.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        StringBuilder text = new StringBuilder(24);
        if (quoteAmounts) {
            text.append('"');
        }
        if (cents < 0) {
            text.append(minus);
        }
        grouped(text, Math.abs(cents) / 100, thousands);
        long fraction = Math.abs(cents) % 100;
        text.append(',').append(fraction < 10 ? "0" : "").append(fraction);
        if (quoteAmounts) {
            text.append('"');
        }
        return text.toString();
    }

    /** A whole number with a separator between groups of three digits. */
    static void grouped(StringBuilder text, long value, char separator) {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                text.append(separator);
            }
            text.append(digits.charAt(i));
        }
    }

    String scenario(String scenario) {
        if (!swedishHeader) {
            return scenario;
        }
        return switch (scenario) {
            case "ACTUAL" -> "UTFALL";
            case "FORECAST" -> "PROGNOS";
            default -> scenario;
        };
    }

    String header() {
        String[] names = swedishHeader
                ? new String[] {"Period", "Kostnadsställe", "Konto", "Verksamhet", "Motpart", "Typ", "Belopp"}
                : new String[] {"period", "cost_center", "account", "activity", "counterpart", "scenario", "amount"};
        return String.join(delimiter, names);
    }
}
