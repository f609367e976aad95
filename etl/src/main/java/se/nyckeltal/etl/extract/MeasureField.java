package se.nyckeltal.etl.extract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import se.nyckeltal.schemas.text.DecimalText;
import se.nyckeltal.schemas.text.ExtractFormatException;

/**
 * A line's measure: the number its file reconciles on (amount, volume, hours). Empty or unreadable
 * text adds a problem and gives null; a readable value is returned even when the source's rule
 * rejects it, so the rejected line still counts in the file total.
 */
public final class MeasureField {
    /** A source's own rule for a readable value: the problem to report, or null when the value is fine. */
    @FunctionalInterface
    public interface Rule extends Serializable {
        String problem(BigDecimal value, String shown);
    }

    private MeasureField() {}

    /**
     * @param column the column's name as problems say it ("amount", "volume", "hours")
     * @param whenEmpty the problem for an empty field, saying what to deliver instead
     */
    public static BigDecimal parse(String text, String column, String whenEmpty, Rule rule, List<String> problems) {
        if (text.isBlank()) {
            problems.add(whenEmpty);
            return null;
        }
        BigDecimal value;
        try {
            value = DecimalText.parse(text);
        } catch (ExtractFormatException e) {
            problems.add(column + " " + e.getMessage());
            return null;
        }
        String problem = rule.problem(value, text.strip());
        if (problem != null) {
            problems.add(problem);
        }
        return value;
    }
}
