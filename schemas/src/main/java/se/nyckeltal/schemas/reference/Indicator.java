package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * An indicator measured in another system (indicators.csv, SPEC §3), published as the KPI
 * {@code indicator.<code>}: Σ numerator ÷ Σ denominator × scale over a window, or Σ numerator for a
 * count (rows without a denominator).
 *
 * @param code upper case, as the indicator column of the measurements names it
 * @param name Swedish, as the report shows it
 * @param unit e.g. {@code %}, {@code min}
 * @param goodDirection {@code up}, {@code down} or {@code neutral}: the trend's direction
 * @param scale 100 for a share in %, 1 for a mean
 * @param ytd how a window of several months pools: {@link Ytd#SUM} or {@link Ytd#LAST}
 */
public record Indicator(String code, String name, String unit, String goodDirection, BigDecimal scale, Ytd ytd) {
    /** How an indicator's value over several months is formed. */
    public enum Ytd {
        /** Pool the window's months: Σ numerator ÷ Σ denominator. */
        SUM,
        /** The last month of the window that has data: a stock such as the waiting list at month end. */
        LAST;

        public String csvName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Indicator {
        requireNonNull(code, "code");
        requireNonNull(name, "name");
        requireNonNull(unit, "unit");
        requireNonNull(goodDirection, "goodDirection");
        requireNonNull(scale, "scale");
        requireNonNull(ytd, "ytd");
    }

    /** The KPI id it is published as. */
    public String kpiId() {
        return "indicator." + code;
    }
}
