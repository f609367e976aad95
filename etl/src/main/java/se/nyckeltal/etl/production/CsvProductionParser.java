package se.nyckeltal.etl.production;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.ProductionContract;
import se.nyckeltal.schemas.contract.Provider;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * Validates the data rows of one production CSV against its header (SPEC §3, §4), once
 * {@link CsvExtract} has found them readable and of the header's width. Runs on Spark executors, one
 * line at a time; every problem of a line becomes part of one reason, written for the controller
 * who has to fix the export. Contact types missing from contact_types.csv are not a problem here:
 * they load and are reported under UNMAPPED by the catalogue.
 */
final class CsvProductionParser implements CsvExtract.RowParser {
    private static final long serialVersionUID = 1L;

    private final int period;
    private final int date;
    private final int unit;
    private final int provider;
    private final int contactType;
    private final int volume;
    private final int scenario;
    private final int counterpart;

    /** @throws ExtractFormatException when the header has neither period nor date */
    CsvProductionParser(ColumnMapping mapping) {
        this.period = mapping.indexOf(ProductionContract.PERIOD);
        this.date = mapping.indexOf(ProductionContract.DATE);
        this.unit = mapping.indexOf(ProductionContract.UNIT);
        this.provider = mapping.indexOf(ProductionContract.PROVIDER);
        this.contactType = mapping.indexOf(ProductionContract.CONTACT_TYPE);
        this.volume = mapping.indexOf(ProductionContract.VOLUME);
        this.scenario = mapping.indexOf(ProductionContract.SCENARIO);
        this.counterpart = mapping.indexOf(ProductionContract.COUNTERPART);
        if (period < 0 && date < 0) {
            throw new ExtractFormatException("the header has neither a period (månad) nor a date (datum) column;"
                    + " add period for monthly rows (YYYYMM) or date for daily rows (YYYY-MM-DD)");
        }
    }

    @Override
    public ExtractLine parse(long lineNumber, String line, List<String> fields) {
        List<String> problems = new ArrayList<>(2);
        // The volume first: even on a line rejected for another reason it counts in the file total.
        BigDecimal value = MeasureField.parse(fields.get(volume), "volume",
                "volume is empty; every row needs a volume (antal), 0 when nothing happened",
                CsvProductionParser::volumeProblem, problems);
        Integer yyyymm = period(fields, problems);
        String unitValue = fields.get(unit).strip();
        if (unitValue.isEmpty()) {
            problems.add("unit is empty; every row needs a unit (enhet, the unit id of org_units.csv)");
        }
        String contactTypeValue = fields.get(contactType).strip().toUpperCase(Locale.ROOT);
        if (contactTypeValue.isEmpty()) {
            problems.add("contact_type is empty; every row needs a contact type (kontakttyp) of contact_types.csv");
        }
        String providerValue = Provider.OWN.name();
        if (provider >= 0) {
            try {
                providerValue = Provider.parse(fields.get(provider)).name();
            } catch (IllegalArgumentException e) {
                problems.add("provider: " + e.getMessage());
            }
        }
        String scenarioValue = Scenario.ACTUAL.name();
        if (scenario >= 0) {
            try {
                scenarioValue = Scenario.parse(fields.get(scenario)).name();
            } catch (IllegalArgumentException e) {
                problems.add("scenario: " + e.getMessage());
            }
        }
        // The provider organisation as the ledger names it (motpart); empty = none.
        String counterpartValue = counterpart < 0 ? "" : fields.get(counterpart).strip();
        if (!problems.isEmpty()) {
            return ExtractLine.rejected(lineNumber, String.join("; ", problems), line, value);
        }
        return new ProductionEntry(yyyymm, scenarioValue, unitValue, providerValue, contactTypeValue,
                counterpartValue.isEmpty() ? null : counterpartValue,
                value.setScale(ProductionContract.VOLUME_SCALE, RoundingMode.UNNECESSARY), lineNumber).line();
    }

    /** The row's month: its period, or its date's month; both given, they must agree. Null on a problem. */
    private Integer period(List<String> fields, List<String> problems) {
        String periodText = period < 0 ? "" : fields.get(period).strip();
        String dateText = date < 0 ? "" : fields.get(date).strip();
        if (periodText.isEmpty() && dateText.isEmpty()) {
            problems.add(date < 0 ? "period is empty; write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)"
                    : period < 0 ? "date is empty; write YYYY-MM-DD (e.g. 2024-03-31)"
                    : "period and date are both empty; fill one of them");
            return null;
        }
        YearMonth fromPeriod = null;
        YearMonth fromDate = null;
        try {
            if (!periodText.isEmpty()) {
                fromPeriod = PeriodText.parsePeriod(periodText);
            }
        } catch (ExtractFormatException e) {
            problems.add("period " + e.getMessage());
            return null;
        }
        try {
            if (!dateText.isEmpty()) {
                // A date column holds days; a month (YYYYMM, YYYY-MM) there is unambiguous, so it is read too.
                fromDate = PeriodText.parsePeriod(dateText);
            }
        } catch (ExtractFormatException e) {
            problems.add("date " + e.getMessage());
            return null;
        }
        if (fromPeriod != null && fromDate != null && !fromPeriod.equals(fromDate)) {
            problems.add("period " + periodText + " and date " + dateText + " are different months; fix one of them");
            return null;
        }
        return PeriodText.yyyymm(fromPeriod != null ? fromPeriod : fromDate);
    }

    /** Why a parsed number cannot be a production volume, or null when it can. */
    static String volumeProblem(BigDecimal value, String shown) {
        if (value.signum() < 0) {
            return "volume '" + shown + "' is negative; production counts what happened — to correct a month,"
                    + " deliver the whole month again (it replaces the earlier delivery)";
        }
        if (value.scale() > ProductionContract.VOLUME_SCALE) {
            return "volume '" + shown + "' has " + value.scale() + " decimals; volumes carry at most "
                    + ProductionContract.VOLUME_SCALE + " (DRG points): round in the export";
        }
        if (value.setScale(ProductionContract.VOLUME_SCALE, RoundingMode.UNNECESSARY).precision()
                > ProductionContract.VOLUME_PRECISION) {
            return "volume '" + shown + "' is too large: at most "
                    + (ProductionContract.VOLUME_PRECISION - ProductionContract.VOLUME_SCALE)
                    + " digits before the decimal mark; check the column";
        }
        return null;
    }
}
