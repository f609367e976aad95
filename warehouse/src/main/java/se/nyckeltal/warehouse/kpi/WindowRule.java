package se.nyckeltal.warehouse.kpi;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which months of a window W a KPI's value is taken over: metadata, stated beside the SQL that does it (the
 * definition's query computes the window; this names the rule for dim.kpi and the analysts' reference).
 */
public enum WindowRule {
    SUM("Σ over the window's months, then divided"),
    LAGGED_ONE_MONTH("Σ over the same window type one month earlier: at P, month → P − 1, ytd at March →"
            + " January–February, ytd at January → the whole previous year"),
    LAST_MONTH("the value of the window's last month (ytd = the period's own month)"),
    MONTHLY_MEAN("Σ over the window's months ÷ the number of months with data"),
    LATEST_IN_YEAR("the latest month at or before the period, within the period's year"),
    DISTINCT_IN_WINDOW("counted once over the window's months: distinct persons, not a sum of monthly counts");

    private final String meaning;

    WindowRule(String meaning) {
        this.meaning = meaning;
    }

    /** As a definition file and dim.kpi spell it: {@code sum}, {@code lagged_one_month} … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line for the analysts' reference. */
    public String meaning() {
        return meaning;
    }

    public static WindowRule of(String id) {
        for (WindowRule rule : values()) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("window must be one of " + Arrays.stream(values()).map(WindowRule::id)
                .collect(Collectors.joining(", ")) + ", not '" + id + "'");
    }
}
