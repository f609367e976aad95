package se.nyckeltal.jobs.generate;

import java.util.Locale;

/**
 * How big a region to generate (issue 7). S is the demo: the 40 units of the default reference data,
 * ≈ 2 000 årsarbetare. M is a region like the one in manadsrapport-2024-03 (≈ 5 100 årsarbetare,
 * ≈ 300 kostnadsställen); L is four times M. M and L split every demo unit into several cost
 * centres of its kind, so the economics, production and staffing keep the demo's shape.
 */
public enum Scale {
    S(1.0, 0, 3),
    /** 2.57 × the demo's årsarbetare (1 987 in 2026) ≈ 5 100. */
    M(2.57, 0.31, 5),
    L(4 * 2.57, 0.31, 5);

    private final double sizeFactor;
    private final double costCentreSize;
    private final int defaultYears;

    Scale(double sizeFactor, double costCentreSize, int defaultYears) {
        this.sizeFactor = sizeFactor;
        this.costCentreSize = costCentreSize;
        this.defaultYears = defaultYears;
    }

    /** How many times the demo region's staff, costs and volumes. */
    public double sizeFactor() {
        return sizeFactor;
    }

    /**
     * The typical size of one cost centre in UnitProfile units (≈ 18 employees), or 0 when every
     * unit of the reference data is one cost centre (S).
     */
    double costCentreSize() {
        return costCentreSize;
    }

    public int defaultYears() {
        return defaultYears;
    }

    /** S, M or L, in either case. */
    public static Scale parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scale '" + text + "' must be S, M or L");
        }
    }
}
