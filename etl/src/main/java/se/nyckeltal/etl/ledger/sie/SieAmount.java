package se.nyckeltal.etl.ledger.sie;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * Amounts as SIE writes them (SIE 4B §5.9): a dot decimal, at most two öre digits, minus before the
 * number, no thousands separators. Deliberately stricter than the CSV rules in {@code DecimalText}: in
 * an SIE file a comma is never a decimal mark, so "1,234" is an error rather than a guess.
 */
final class SieAmount {
    private static final Pattern SHAPE = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

    private SieAmount() {}

    /** The exact amount at scale 2, or an exception whose message continues "#TRANS on line 7 …". */
    static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ExtractFormatException("has no amount");
        }
        if (!SHAPE.matcher(text).matches()) {
            throw new ExtractFormatException("has amount '" + text + "' which is not a number; SIE amounts use a dot"
                    + " decimal and no thousands separators (e.g. -1234.50)");
        }
        BigDecimal amount = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new ExtractFormatException("has amount '" + text + "' with more than two decimals; SIE amounts are"
                    + " kronor with at most two öre digits");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
