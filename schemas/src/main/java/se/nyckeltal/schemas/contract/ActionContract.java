package se.nyckeltal.schemas.contract;

import java.util.List;
import java.util.Locale;

/**
 * Action plans CSV (effekthemtagning, åtgärdsplaner), SPEC §3: one row per action and month with its
 * planned annual effect (the latest month's value stands) and the effect realised in that month, in
 * kronor. A realised effect may be negative (a setback). Partitions are (actions, period).
 */
public final class ActionContract {
    public static final ColumnSpec PERIOD = ColumnSpec.required("period", "månad");
    public static final ColumnSpec ACTION_ID = ColumnSpec.required("action_id", "åtgärd_id", "aktivitet_id", "id");
    public static final ColumnSpec ACTION = ColumnSpec.required("action", "åtgärd", "aktivitet", "aktivitet/projekt");
    public static final ColumnSpec ORG_ID = ColumnSpec.required("org_id", "enhet", "organisation", "org");
    public static final ColumnSpec RESPONSIBLE = ColumnSpec.optional("responsible", "ansvarig");
    public static final ColumnSpec TIMELINE = ColumnSpec.optional("timeline", "tidplan");
    public static final ColumnSpec CATEGORY = ColumnSpec.required("category", "kategori");
    public static final ColumnSpec PLANNED_ANNUAL_EFFECT =
            ColumnSpec.required("planned_annual_effect", "beräknad årseffekt", "årseffekt");
    public static final ColumnSpec REALISED_EFFECT =
            ColumnSpec.required("realised_effect", "realiserad effekt");
    public static final ColumnSpec COMMENT = ColumnSpec.optional("comment", "kommentar");

    /** In the order the canonical export writes them. */
    public static final List<ColumnSpec> COLUMNS = List.of(PERIOD, ACTION_ID, ACTION, ORG_ID, RESPONSIBLE, TIMELINE,
            CATEGORY, PLANNED_ANNUAL_EFFECT, REALISED_EFFECT, COMMENT);

    /** Whether an action is part of the budget's savings or beyond it (aktiviteter utöver budget). */
    public enum Category {
        BUDGET,
        BEYOND_BUDGET;

        /**
         * Reads a category as delivered: BUDGET, BEYOND_BUDGET or Swedish (budget, utöver budget, över
         * budget), any case. Anything else is an error the caller quarantines.
         */
        public static Category parse(String text) {
            String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            switch (value) {
                case "BUDGET":
                case "I_BUDGET":
                    return BUDGET;
                case "BEYOND_BUDGET":
                case "UTÖVER_BUDGET":
                case "ÖVER_BUDGET":
                    return BEYOND_BUDGET;
                case "":
                    throw new IllegalArgumentException("category is empty; write BUDGET (part of the budget's savings)"
                            + " or BEYOND_BUDGET (utöver budget)");
                default:
                    throw new IllegalArgumentException("unknown category '" + text.strip()
                            + "': use BUDGET or BEYOND_BUDGET (budget, utöver budget)");
            }
        }
    }

    private ActionContract() {}
}
