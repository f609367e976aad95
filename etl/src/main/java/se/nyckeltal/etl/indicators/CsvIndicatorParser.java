package se.nyckeltal.etl.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.IndicatorContract;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.text.DecimalText;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * Validates the data rows of one indicator CSV (SPEC §3, §4) once {@link CsvExtract} has found them
 * readable and of the header's width. Runs on Spark executors, one line at a time; every problem of
 * a line becomes part of one reason. An indicator missing from indicators.csv is quarantined (its
 * name, unit, scale and direction are unknown, so it cannot be published), with the file to extend.
 */
final class CsvIndicatorParser implements CsvExtract.RowParser {
    private static final long serialVersionUID = 1L;

    private final int period;
    private final int unit;
    private final int indicator;
    private final int numerator;
    private final int denominator;
    private final int scenario;
    private final TreeSet<String> known;

    /** @param known the indicator codes of indicators.csv (upper case) */
    CsvIndicatorParser(ColumnMapping mapping, Set<String> known) {
        this.period = mapping.indexOf(IndicatorContract.PERIOD);
        this.unit = mapping.indexOf(IndicatorContract.UNIT);
        this.indicator = mapping.indexOf(IndicatorContract.INDICATOR);
        this.numerator = mapping.indexOf(IndicatorContract.NUMERATOR);
        this.denominator = mapping.indexOf(IndicatorContract.DENOMINATOR);
        this.scenario = mapping.indexOf(IndicatorContract.SCENARIO);
        this.known = new TreeSet<>(known);
    }

    @Override
    public ExtractLine parse(long lineNumber, String line, List<String> fields) {
        List<String> problems = new ArrayList<>(2);
        // The numerator first: even on a line rejected for another reason it counts in the file total.
        BigDecimal numeratorValue = MeasureField.parse(fields.get(numerator), "numerator",
                "numerator is empty; every row needs a numerator (täljare), 0 when nothing was measured as a hit",
                (value, shown) -> quantityProblem("numerator", value, shown), problems);
        BigDecimal denominatorValue = null;
        String denominatorText = denominator < 0 ? "" : fields.get(denominator).strip();
        if (!denominatorText.isEmpty()) {
            try {
                denominatorValue = DecimalText.parse(denominatorText);
                String problem = quantityProblem("denominator", denominatorValue, denominatorText);
                if (problem != null) {
                    problems.add(problem);
                }
            } catch (ExtractFormatException e) {
                problems.add("denominator " + e.getMessage());
            }
        }
        if (denominatorValue != null && denominatorValue.signum() == 0 && numeratorValue != null
                && numeratorValue.signum() != 0) {
            problems.add("denominator is 0 but numerator is " + numeratorValue.toPlainString()
                    + "; a share or mean needs the number measured (nämnare), or leave it empty for a count");
        }
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
        String unitValue = fields.get(unit).strip();
        if (unitValue.isEmpty()) {
            problems.add("unit is empty; every row needs a unit (enhet, the unit id of org_units.csv)");
        }
        String code = fields.get(indicator).strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            problems.add("indicator is empty; every row needs an indicator code of indicators.csv");
        } else if (!known.contains(code)) {
            problems.add("indicator '" + code + "' is not in indicators.csv; add a row for it to reference/"
                    + ReferenceData.INDICATORS + " in the landing zone (indicator;name;unit;good_direction;scale;ytd)"
                    + " or correct the code" + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
        }
        String scenarioValue = Scenario.ACTUAL.name();
        if (scenario >= 0) {
            try {
                scenarioValue = Scenario.parse(fields.get(scenario)).name();
            } catch (IllegalArgumentException e) {
                problems.add("scenario: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return ExtractLine.rejected(lineNumber, String.join("; ", problems), line, numeratorValue, denominatorValue);
        }
        return new IndicatorEntry(yyyymm, scenarioValue, unitValue, code,
                numeratorValue.setScale(IndicatorContract.SCALE, RoundingMode.UNNECESSARY),
                denominatorValue == null ? null : denominatorValue.setScale(IndicatorContract.SCALE, RoundingMode.UNNECESSARY),
                lineNumber).line();
    }

    /** Why a parsed number cannot be a numerator or denominator, or null when it can. */
    static String quantityProblem(String column, BigDecimal value, String shown) {
        if (value.signum() < 0) {
            return column + " '" + shown + "' is negative; indicators count what was measured — to correct a month,"
                    + " deliver the whole month again (it replaces the earlier delivery)";
        }
        if (value.scale() > IndicatorContract.SCALE) {
            return column + " '" + shown + "' has " + value.scale() + " decimals; at most " + IndicatorContract.SCALE
                    + ": round in the export";
        }
        if (value.setScale(IndicatorContract.SCALE, RoundingMode.UNNECESSARY).precision() > IndicatorContract.PRECISION) {
            return column + " '" + shown + "' is too large: at most "
                    + (IndicatorContract.PRECISION - IndicatorContract.SCALE)
                    + " digits before the decimal mark; check the column";
        }
        return null;
    }
}
