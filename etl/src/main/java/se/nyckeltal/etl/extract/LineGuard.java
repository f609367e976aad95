package se.nyckeltal.etl.extract;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * Limits on what a valid line may carry, the same for every source (issue 16): an ACTUAL period more
 * than a month after the load's business date cannot have happened yet (a typo such as 2099-01 would
 * otherwise stretch {@code dim.period} to 2099), and no text field is longer than
 * {@value #DEFAULT_MAX_TEXT_LENGTH} characters (a 50 MiB field is a broken export, not a cost centre).
 * A line over a limit is quarantined with its line number; a too-long line's text is not stored.
 *
 * @param maxActualPeriod the last ACTUAL period (YYYYMM) accepted; {@link Integer#MAX_VALUE} for none
 * @param maxTextLength the longest text field accepted, in characters
 */
public record LineGuard(int maxActualPeriod, int maxTextLength) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 10_000;

    public LineGuard {
        if (maxTextLength <= 0) {
            throw new IllegalArgumentException("maxTextLength must be positive");
        }
    }

    /** No period limit, the default text limit. */
    public static LineGuard textOnly() {
        return new LineGuard(Integer.MAX_VALUE, DEFAULT_MAX_TEXT_LENGTH);
    }

    /** ACTUAL periods up to the month after {@code businessDate}'s. */
    public static LineGuard forBusinessDate(LocalDate businessDate) {
        LocalDate last = businessDate.plusMonths(1);
        return new LineGuard(last.getYear() * 100 + last.getMonthValue(), DEFAULT_MAX_TEXT_LENGTH);
    }

    /**
     * The line, or a rejected line saying which limit it breaks.
     *
     * @param schema the source's lines; its measure type bounds the measure: a value that does not fit it (a source
     *     without its own bound, such as SIE) is quarantined here rather than failing the whole load in Spark
     */
    ExtractLine check(ExtractLine line, ExtractLine.Schema schema) {
        org.apache.spark.sql.types.DecimalType measureType = schema.measureType();
        if (line.kind() == ExtractLine.Kind.VALID && !fits(line.measure(), measureType)) {
            return ExtractLine.rejected(line.lineNumber(), "the value " + line.measure().toPlainString()
                    + " does not fit " + measureType.sql() + " (at most " + (measureType.precision() - measureType.scale())
                    + " digits before the decimal mark and " + measureType.scale() + " after): check the column",
                    null, line.measure());
        }
        return check(line, i -> schema.values().get(i).name());
    }

    private static boolean fits(java.math.BigDecimal value, org.apache.spark.sql.types.DecimalType type) {
        if (value.scale() > type.scale() && value.stripTrailingZeros().scale() > type.scale()) {
            return false;
        }
        return value.setScale(type.scale(), java.math.RoundingMode.UNNECESSARY).precision() <= type.precision();
    }

    /** The line, or a rejected line saying which limit it breaks; {@code name} names value i's column. */
    ExtractLine check(ExtractLine line, java.util.function.IntFunction<String> name) {
        if (line.kind() != ExtractLine.Kind.VALID) {
            if (line.kind() == ExtractLine.Kind.REJECTED && line.rawLine() != null
                    && line.rawLine().length() > maxTextLength) {
                return ExtractLine.rejected(line.lineNumber(), line.reason(), stored(line.rawLine()), line.measure());
            }
            return line;
        }
        for (int i = 0; i < line.values().size(); i++) {
            if (line.values().get(i) instanceof String text && text.length() > maxTextLength) {
                return ExtractLine.rejected(line.lineNumber(), name.apply(i) + " is " + text.length()
                        + " characters long; no text field may be longer than " + maxTextLength
                        + ": check the export (a missing quote or line break?)", null, line.measure());
            }
        }
        if ("ACTUAL".equals(line.scenario()) && line.period() > maxActualPeriod) {
            return ExtractLine.rejected(line.lineNumber(), "ACTUAL period " + line.period() + " is after "
                    + maxActualPeriod + ", the month after the load's business date: outcome cannot be reported for"
                    + " a month that has not happened; correct the period (BUDGET and FORECAST may lie ahead)",
                    null, line.measure());
        }
        return line;
    }

    /** A rejected line's text as quarantine keeps it: cut at the limit. */
    private String stored(String raw) {
        return raw.substring(0, maxTextLength) + "… (" + raw.length() + " characters, cut)";
    }
}
