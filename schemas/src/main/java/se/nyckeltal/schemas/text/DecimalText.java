package se.nyckeltal.schemas.text;

import java.math.BigDecimal;

/**
 * Reads numbers as Swedish and other exports write them (SPEC §3): decimal comma or dot;
 * thousands separated by space, no-break space, narrow no-break space, or {@code .} when the
 * decimal mark is a comma; {@code −} (U+2212) or {@code -} as minus. The value is exact: no
 * double on the way, no silent rounding, no guessing (SPEC §9, the Spark decimal-comma trap).
 */
public final class DecimalText {
    private DecimalText() {}

    public static BigDecimal parse(String text) {
        if (text == null || trim(text).isEmpty()) {
            throw new ExtractFormatException("the number is empty");
        }
        String s = trim(text);
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '\u2212' || s.charAt(0) == '+')) {
            negative = s.charAt(0) != '+';
            s = trim(s.substring(1));
        }
        if (s.isEmpty()) {
            throw bad(text, "there is a sign but no digits");
        }
        int comma = s.indexOf(',');
        int lastDot = s.lastIndexOf('.');
        if (comma >= 0 && s.indexOf(',', comma + 1) >= 0) {
            throw bad(text, "it has more than one decimal comma");
        }
        String integerPart;
        String fraction;
        char thousandsDot;
        if (comma >= 0) {
            if (lastDot > comma) {
                throw bad(text, "a dot after the decimal comma");
            }
            integerPart = s.substring(0, comma);
            fraction = s.substring(comma + 1);
            thousandsDot = '.';
        } else if (lastDot >= 0) {
            if (s.indexOf('.') != lastDot) {
                throw bad(text, "dots as thousands separators are only allowed with a decimal comma");
            }
            integerPart = s.substring(0, lastDot);
            fraction = s.substring(lastDot + 1);
            thousandsDot = 0;
        } else {
            integerPart = s;
            fraction = null;
            thousandsDot = 0;
        }
        if (fraction != null && (fraction.isEmpty() || !allDigits(fraction))) {
            throw bad(text, "the decimals must be digits after the decimal mark");
        }
        String digits = integerDigits(text, integerPart, thousandsDot);
        String plain = (negative ? "-" : "") + digits + (fraction == null ? "" : "." + fraction);
        return new BigDecimal(plain);
    }

    /** Integer digits with thousands separators checked (groups of three) and removed. */
    private static String integerDigits(String original, String part, char thousandsDot) {
        if (part.isEmpty()) {
            throw bad(original, "there are no digits before the decimal mark");
        }
        StringBuilder digits = new StringBuilder(part.length());
        char separatorUsed = 0;
        int groupLength = 0;
        boolean firstGroup = true;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                groupLength++;
            } else if (isSpace(c) || (thousandsDot != 0 && c == thousandsDot)) {
                char kind = isSpace(c) ? ' ' : '.';
                if (separatorUsed != 0 && separatorUsed != kind) {
                    throw bad(original, "it mixes different thousands separators");
                }
                separatorUsed = kind;
                if (groupLength == 0 || (firstGroup ? groupLength > 3 : groupLength != 3)) {
                    throw bad(original, "thousands separators must split the digits in groups of three");
                }
                firstGroup = false;
                groupLength = 0;
            } else {
                throw bad(original, "'" + c + "' is not allowed in a number");
            }
        }
        if (separatorUsed != 0 && groupLength != 3) {
            throw bad(original, "thousands separators must split the digits in groups of three");
        }
        return digits.toString();
    }

    /**
     * Drops surrounding white space, the no-break spaces included: spreadsheets pad formatted
     * numbers with U+00A0, which {@link String#strip()} keeps.
     */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || isSpace(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009';
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static ExtractFormatException bad(String text, String why) {
        return new ExtractFormatException("'" + trim(text) + "' is not a number: " + why
                + " (write e.g. -1234,50 or 1 234,50 or -1234.50)");
    }
}
