package se.nyckeltal.etl.listing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.AgeBand;
import se.nyckeltal.schemas.contract.Gender;
import se.nyckeltal.schemas.contract.ListingContract;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * Validates the data rows of one listings CSV (SPEC §3, vårdval) once {@link CsvExtract} has found them
 * readable and of the header's width. Runs on Spark executors, one line at a time; every problem of a
 * line becomes part of one reason. The bands of a whole file are checked afterwards ({@link AgeBandCheck});
 * CNI factors missing from capitation_rates.csv are not a problem here: they load and are reported under
 * UNMAPPED by the catalogue.
 */
final class CsvListingParser implements CsvExtract.RowParser {
    private static final long serialVersionUID = 1L;
    private static final Pattern CNI_MEASURE = Pattern.compile("CNI_[A-Z0-9_]+");

    private final int period;
    private final int unit;
    private final int measure;
    private final int gender;
    private final int ageBand;
    private final int quantity;

    CsvListingParser(ColumnMapping mapping) {
        this.period = mapping.indexOf(ListingContract.PERIOD);
        this.unit = mapping.indexOf(ListingContract.UNIT);
        this.measure = mapping.indexOf(ListingContract.MEASURE);
        this.gender = mapping.indexOf(ListingContract.GENDER);
        this.ageBand = mapping.indexOf(ListingContract.AGE_BAND);
        this.quantity = mapping.indexOf(ListingContract.QUANTITY);
    }

    @Override
    public ExtractLine parse(long lineNumber, String line, List<String> fields) {
        List<String> problems = new ArrayList<>(2);
        // The quantity first: even on a line rejected for another reason it counts in the file total.
        BigDecimal value = MeasureField.parse(fields.get(quantity), "quantity",
                "quantity is empty; every row needs a quantity (antal), 0 when the unit has none",
                CsvListingParser::quantityProblem, problems);
        Integer yyyymm = null;
        String periodText = fields.get(period).strip();
        if (periodText.isEmpty()) {
            problems.add("period is empty; write the month the listing counts at its end: YYYYMM, YYYY-MM or a date");
        } else {
            try {
                yyyymm = PeriodText.yyyymm(PeriodText.parsePeriod(periodText));
            } catch (ExtractFormatException e) {
                problems.add("period " + e.getMessage());
            }
        }
        String unitValue = fields.get(unit).strip();
        if (unitValue.isEmpty()) {
            problems.add("unit is empty; every row needs the unit (vårdcentral, the unit id of org_units.csv)");
        }
        String measureValue = measure < 0 ? ListingContract.LISTED : fields.get(measure).strip().toUpperCase(Locale.ROOT);
        String genderText = gender < 0 ? "" : fields.get(gender).strip();
        String bandText = ageBand < 0 ? "" : fields.get(ageBand).strip();
        String genderValue = null;
        String bandValue = null;
        if (measureValue.equals(ListingContract.LISTED)) {
            if (genderText.isEmpty()) {
                problems.add("gender is empty; a LISTED row counts the listed persons of one gender (kön K or M)"
                        + " and age band");
            } else {
                try {
                    genderValue = Gender.parse(genderText).name();
                } catch (IllegalArgumentException e) {
                    problems.add("gender '" + genderText + "' is not K or M; a LISTED row counts women (K) or men (M)");
                }
            }
            if (bandText.isEmpty()) {
                problems.add("LISTED row without age band; give the band (åldersgrupp) the persons are counted in,"
                        + " e.g. 0-4 or 100-");
            } else {
                try {
                    bandValue = AgeBand.parse(bandText).toString();
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        } else if (measureValue.equals(ListingContract.ACTIVE_LISTED) || measureValue.equals(ListingContract.ACG_POINTS)
                || CNI_MEASURE.matcher(measureValue).matches()) {
            if (!genderText.isEmpty() || !bandText.isEmpty()) {
                problems.add(measureValue + " counts the whole unit: leave gender and age band empty (they belong to"
                        + " LISTED rows only)");
            }
        } else {
            problems.add(measureValue.isEmpty() ? "measure is empty; use LISTED, ACTIVE_LISTED, ACG_POINTS or CNI_<FACTOR>"
                    : "measure '" + measureValue + "' is not a listing measure; use LISTED, ACTIVE_LISTED, ACG_POINTS"
                            + " or CNI_<FACTOR> (e.g. CNI_UNEMPLOYED)");
        }
        if (value != null && value.signum() >= 0 && !measureValue.equals(ListingContract.ACG_POINTS)
                && value.stripTrailingZeros().scale() > 0) {
            problems.add("quantity '" + fields.get(quantity).strip() + "' is not a whole number; " + measureValue
                    + " counts persons (only ACG_POINTS has decimals)");
        }
        if (!problems.isEmpty()) {
            return ExtractLine.rejected(lineNumber, String.join("; ", problems), line, value);
        }
        return new ListingEntry(yyyymm, unitValue, measureValue, genderValue, bandValue,
                value.setScale(ListingContract.QUANTITY_SCALE, RoundingMode.UNNECESSARY), lineNumber).line();
    }

    /** Why a parsed number cannot be a listing quantity, or null when it can. */
    static String quantityProblem(BigDecimal value, String shown) {
        if (value.signum() < 0) {
            return "quantity '" + shown + "' is negative; a listing counts persons at month end — to correct a"
                    + " month, deliver the whole month again (it replaces the earlier delivery)";
        }
        if (value.scale() > ListingContract.QUANTITY_SCALE) {
            return "quantity '" + shown + "' has " + value.scale() + " decimals; at most "
                    + ListingContract.QUANTITY_SCALE + " (ACG points): round in the export";
        }
        if (value.setScale(ListingContract.QUANTITY_SCALE, RoundingMode.UNNECESSARY).precision()
                > ListingContract.QUANTITY_PRECISION) {
            return "quantity '" + shown + "' is too large; check the column";
        }
        return null;
    }
}
