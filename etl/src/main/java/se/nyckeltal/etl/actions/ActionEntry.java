package se.nyckeltal.etl.actions;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import se.nyckeltal.etl.extract.ExtractLine;

/**
 * One valid row of an action plan: an action in one month.
 *
 * @param period YYYYMM
 * @param category BUDGET or BEYOND_BUDGET
 * @param plannedAnnualEffect kr, scale at most 2
 * @param realisedEffect kr realised in the month, scale at most 2; negative for a setback
 * @param lineNumber physical line in the delivered file (1 = first line)
 */
record ActionEntry(int period, String actionId, String action, String orgId, String responsible, String timeline,
        String category, BigDecimal plannedAnnualEffect, BigDecimal realisedEffect, String comment, long lineNumber)
        implements Serializable {
    static final String ACTION_ID = "action_id";
    static final String ACTION = "action";
    static final String ORG_ID = "org_id";
    static final String RESPONSIBLE = "responsible";
    static final String TIMELINE = "timeline";
    static final String CATEGORY = "category";
    static final String PLANNED_ANNUAL_EFFECT = "planned_annual_effect";
    /** The measure an action file reconciles on, DECIMAL(18,2) as in the fact. */
    static final String REALISED_EFFECT = "realised_effect";
    static final String COMMENT = "comment";
    /** Action plans have no scenario column: every row is an outcome. */
    static final String SCENARIO = "ACTUAL";

    /** Validated action lines as Spark carries them: {@link #line()} gives the values in this order. */
    static final ExtractLine.Schema LINES = new ExtractLine.Schema(REALISED_EFFECT, DataTypes.createDecimalType(18, 2),
            List.of(DataTypes.createStructField(ACTION_ID, DataTypes.StringType, false),
                    DataTypes.createStructField(ACTION, DataTypes.StringType, false),
                    DataTypes.createStructField(ORG_ID, DataTypes.StringType, false),
                    DataTypes.createStructField(RESPONSIBLE, DataTypes.StringType, true),
                    DataTypes.createStructField(TIMELINE, DataTypes.StringType, true),
                    DataTypes.createStructField(CATEGORY, DataTypes.StringType, false),
                    DataTypes.createStructField(PLANNED_ANNUAL_EFFECT, DataTypes.createDecimalType(18, 2), false),
                    DataTypes.createStructField(COMMENT, DataTypes.StringType, true)));

    ActionEntry {
        requireNonNull(actionId, "actionId");
        requireNonNull(action, "action");
        requireNonNull(orgId, "orgId");
        requireNonNull(category, "category");
        requireNonNull(plannedAnnualEffect, "plannedAnnualEffect");
        requireNonNull(realisedEffect, "realisedEffect");
    }

    /** This entry as a valid line of {@link #LINES}. */
    ExtractLine line() {
        return ExtractLine.valid(lineNumber, SCENARIO, period, realisedEffect, actionId, action, orgId, responsible,
                timeline, category, plannedAnnualEffect, comment);
    }
}
