package se.nyckeltal.schemas.kpi;

import static java.util.Objects.requireNonNull;

/**
 * One KPI of the published catalogue.
 *
 * @param nameSv display name as the månadsrapport says it
 * @param unit kr, %, h, st …
 * @param goodDirection up or down: which way is better, for {@code trend}
 * @param hasBudget whether {@code budget_value} is computed from BUDGET rows
 * @param source ledger, production or hr
 */
public record KpiDefinition(
        String kpiId, String nameSv, String unit, String goodDirection, boolean hasBudget, String source,
        String description) {
    public KpiDefinition {
        requireNonNull(kpiId, "kpiId");
        requireNonNull(nameSv, "nameSv");
        if (!goodDirection.equals("up") && !goodDirection.equals("down")) {
            throw new IllegalArgumentException(kpiId + ": good_direction must be up or down");
        }
    }
}
