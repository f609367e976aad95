package se.nyckeltal.warehouse.kpi;

import static java.util.Objects.requireNonNull;

/**
 * One KPI, or one family of KPIs, as its file under {@code sql/kpi/definitions/<source>/} states it: the
 * metadata of its header and the SQL that computes its numerator and denominator.
 *
 * @param file the file, relative to {@code sql/}, e.g. {@code kpi/definitions/ledger/revenue.sql}
 * @param kpiId {@code revenue}; for a family the prefix and the member's name, {@code production.<CONTACT_TYPE>}
 * @param source the folder the file is in: {@code ledger}, {@code production}, {@code hr} …
 * @param nameSv display name as the månadsrapport says it; null for a family (its members statement names
 *     each member)
 * @param unit kr, %, h, st …; null for a family
 * @param goodDirection up or down: which way is better, for {@code kpi_values.trend}; {@link #PER_MEMBER} for a
 *     family whose members statement gives each member's {@code good_direction}
 * @param hasBudget whether {@code kpi_values.budget_value} is computed from BUDGET rows
 * @param window which months of a window the value is over; null for a family whose members statement gives
 *     each member's {@code window_rule}
 * @param description Swedish, for dim.kpi; null for a family
 * @param definition English, for the analysts' reference in docs/analysts.md
 * @param members a family's first statement: one row per member with {@code member, name_sv, unit,
 *     description} (and {@code good_direction}, {@code window_rule} when the header leaves them to the members);
 *     null for a single KPI
 * @param computation the SELECT giving {@code period, time_window, org_level, org_id, org_name, measure,
 *     numerator, denominator, ratio_scale, suppressed} (a family: {@code member} too)
 */
public record KpiDefinition(
        String file, String kpiId, String source, String nameSv, String unit, String goodDirection,
        boolean hasBudget, WindowRule window, String description, String definition, String members,
        String computation) {
    /** A family's header value for a key its members statement gives per member. */
    public static final String PER_MEMBER = "member";

    public KpiDefinition {
        requireNonNull(file, "file");
        requireNonNull(kpiId, "kpiId");
        requireNonNull(source, "source");
        requireNonNull(goodDirection, "goodDirection");
        requireNonNull(definition, "definition");
        requireNonNull(computation, "computation");
        if ((members == null) == (nameSv == null || unit == null || description == null)) {
            throw new IllegalArgumentException(kpiId + ": a single KPI has name_sv, unit and description;"
                    + " a family has a members statement instead");
        }
        boolean family = members != null;
        if (!goodDirection.equals("up") && !goodDirection.equals("down")
                && !(family && goodDirection.equals(PER_MEMBER))) {
            throw new IllegalArgumentException(kpiId + ": good_direction must be up or down"
                    + (family ? " or member" : ""));
        }
        if (window == null && !family) {
            throw new IllegalArgumentException(kpiId + ": a single KPI has a window rule");
        }
    }

    /** Whether the members statement gives each member's good_direction. */
    public boolean directionPerMember() {
        return goodDirection.equals(PER_MEMBER);
    }

    /** Whether the members statement gives each member's window_rule. */
    public boolean windowPerMember() {
        return window == null;
    }

    /** The window rule as dim.kpi and the reference spell it; {@link #PER_MEMBER} when each member has its own. */
    public String windowId() {
        return window == null ? PER_MEMBER : window.id();
    }

    public boolean family() {
        return members != null;
    }

    /** What a family member's kpi_id starts with: {@code production.} for {@code production.<CONTACT_TYPE>}. */
    public String familyPrefix() {
        if (!family()) {
            throw new IllegalStateException(kpiId + " is not a family");
        }
        return kpiId.substring(0, kpiId.indexOf('<'));
    }
}
