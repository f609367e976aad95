package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/** A KPI's target (mål) for one year. */
public record KpiTarget(String kpiId, int year, BigDecimal target) {
    public KpiTarget {
        requireNonNull(kpiId, "kpiId");
        requireNonNull(target, "target");
    }
}
