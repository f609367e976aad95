package se.nyckeltal.warehouse.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One number of the report with where it comes from: the row of {@code kpi.kpi_values} (view null) or of a
 * wide view (view e.g. {@code kpi.income_statement}, kpi the row's line_id) and the column (measure). The
 * HTML carries all of it as {@code data-*} attributes, with the unrounded value; {@code text} is what a
 * reader sees.
 */
public record Figure(String kpi, String orgLevel, String org, int period, String window, String measure, String view, BigDecimal value,
        String text, boolean suppressed) {
    public Figure {
        requireNonNull(kpi, "kpi");
        requireNonNull(org, "org");
        requireNonNull(window, "window");
        requireNonNull(measure, "measure");
        requireNonNull(text, "text");
    }

    /** The same figure printed as {@code shown}. */
    public Figure withText(String shown) {
        return new Figure(kpi, orgLevel, org, period, window, measure, view, value, shown, suppressed);
    }

    /**
     * This figure minus {@code other} of the same row ("297 mnkr sämre än budget"): the difference of two columns
     * has no column of its own, so its measure names both, {@code value-budget_value}.
     */
    public Figure minus(Figure other) {
        BigDecimal difference = value == null || other.value == null ? null : value.subtract(other.value);
        return new Figure(kpi, orgLevel, org, period, window, measure + "-" + other.measure, view, difference, "", false);
    }

    /** The unrounded value as data-value carries it: plain decimal, "" for NULL. */
    public String dataValue() {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    public String dataPeriod() {
        return String.valueOf(period);
    }

    /** 'total', 'area' or 'unit' ("" where the source has no level, as kpi.action_plan): UNMAPPED is both an area and a unit. */
    public String dataOrgLevel() {
        return orgLevel == null ? "" : orgLevel;
    }

    public String dataView() {
        return view == null ? "" : view;
    }
}
