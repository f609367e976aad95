package se.nyckeltal.etl.actions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.ActionContract;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * Validates the data rows of one action-plan CSV (SPEC §3, §4) once {@link CsvExtract} has found them
 * readable and of the header's width. Runs on Spark executors, one line at a time; every problem of a
 * line becomes part of one reason. The realised effect may be negative (a setback); the planned
 * annual effect is required, since the action plan's totals are sums of it.
 */
final class CsvActionParser implements CsvExtract.RowParser {
    private static final long serialVersionUID = 1L;
    private static final int AMOUNT_PRECISION = 18;
    private static final int AMOUNT_SCALE = 2;

    private final int period;
    private final int actionId;
    private final int action;
    private final int orgId;
    private final int responsible;
    private final int timeline;
    private final int category;
    private final int planned;
    private final int realised;
    private final int comment;

    CsvActionParser(ColumnMapping mapping) {
        this.period = mapping.indexOf(ActionContract.PERIOD);
        this.actionId = mapping.indexOf(ActionContract.ACTION_ID);
        this.action = mapping.indexOf(ActionContract.ACTION);
        this.orgId = mapping.indexOf(ActionContract.ORG_ID);
        this.responsible = mapping.indexOf(ActionContract.RESPONSIBLE);
        this.timeline = mapping.indexOf(ActionContract.TIMELINE);
        this.category = mapping.indexOf(ActionContract.CATEGORY);
        this.planned = mapping.indexOf(ActionContract.PLANNED_ANNUAL_EFFECT);
        this.realised = mapping.indexOf(ActionContract.REALISED_EFFECT);
        this.comment = mapping.indexOf(ActionContract.COMMENT);
    }

    @Override
    public ExtractLine parse(long lineNumber, String line, List<String> fields) {
        List<String> problems = new ArrayList<>(2);
        // The realised effect first: even on a line rejected for another reason it counts in the file total.
        BigDecimal realisedValue = MeasureField.parse(fields.get(realised), "realised_effect",
                "realised_effect is empty; write the kronor realised in the month (realiserad effekt), 0 when nothing"
                        + " was realised yet, negative for a setback",
                (value, shown) -> amountProblem("realised_effect", value, shown), problems);
        List<String> plannedProblems = new ArrayList<>(1);
        BigDecimal plannedValue = MeasureField.parse(fields.get(planned), "planned_annual_effect",
                "planned_annual_effect is empty; every action needs its planned annual effect in kronor (beräknad"
                        + " årseffekt), repeated every month (the latest month's value stands)",
                (value, shown) -> amountProblem("planned_annual_effect", value, shown), plannedProblems);
        problems.addAll(plannedProblems);
        Integer yyyymm = null;
        String periodText = fields.get(period).strip();
        if (periodText.isEmpty()) {
            problems.add("period is empty; write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)");
        } else {
            try {
                yyyymm = PeriodText.yyyymm(PeriodText.parsePeriod(periodText));
            } catch (ExtractFormatException e) {
                problems.add("period " + e.getMessage());
            }
        }
        String id = fields.get(actionId).strip();
        if (id.isEmpty()) {
            problems.add("action_id is empty; every action needs an id that stays the same from month to month");
        }
        String name = fields.get(action).strip();
        if (name.isEmpty()) {
            problems.add("action is empty; name the action (aktivitet/projekt)");
        }
        String org = fields.get(orgId).strip();
        if (org.isEmpty()) {
            problems.add("org_id is empty; write the unit or area id of org_units.csv, or TOTAL for the whole"
                    + " administration");
        }
        String categoryValue = null;
        try {
            categoryValue = ActionContract.Category.parse(fields.get(category)).name();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            return ExtractLine.rejected(lineNumber, String.join("; ", problems), line, realisedValue);
        }
        return new ActionEntry(yyyymm, id, name, org, optional(fields, responsible), optional(fields, timeline),
                categoryValue, plannedValue.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY),
                realisedValue.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY), optional(fields, comment),
                lineNumber).line();
    }

    /** Why a parsed effect cannot be kronor in the fact, or null when it can. */
    static String amountProblem(String column, BigDecimal value, String shown) {
        if (value.scale() > AMOUNT_SCALE) {
            return column + " '" + shown + "' has " + value.scale() + " decimals; effects are kronor with at most öre"
                    + " (2 decimals): round in the export";
        }
        if (value.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY).precision() > AMOUNT_PRECISION) {
            return column + " '" + shown + "' is too large: at most " + (AMOUNT_PRECISION - AMOUNT_SCALE)
                    + " digits before the decimal mark; check the column";
        }
        return null;
    }

    private static String optional(List<String> fields, int index) {
        if (index < 0) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }
}
