package se.nyckeltal.etl.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import se.nyckeltal.etl.extract.CsvExtract;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.MeasureField;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.contract.Scenario;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * Validates the data rows of one ledger CSV against its header (SPEC §3, §4), once
 * {@link CsvExtract} has found them readable and of the header's width. Runs on Spark executors, one
 * line at a time: every problem of a line becomes part of one reason, written for the controller who
 * has to fix the export.
 */
final class CsvLedgerParser implements CsvExtract.RowParser {
    private static final long serialVersionUID = 1L;
    /** DECIMAL(18,2): sixteen digits before the decimal mark. */
    private static final int AMOUNT_PRECISION = 18;
    private static final int AMOUNT_SCALE = 2;

    private final int period;
    private final int costCenter;
    private final int account;
    private final int activity;
    private final int counterpart;
    private final int scenario;
    private final int amount;
    private final int forecastMade;

    CsvLedgerParser(ColumnMapping mapping) {
        this.period = mapping.indexOf(LedgerContract.PERIOD);
        this.costCenter = mapping.indexOf(LedgerContract.COST_CENTER);
        this.account = mapping.indexOf(LedgerContract.ACCOUNT);
        this.activity = mapping.indexOf(LedgerContract.ACTIVITY);
        this.counterpart = mapping.indexOf(LedgerContract.COUNTERPART);
        this.scenario = mapping.indexOf(LedgerContract.SCENARIO);
        this.amount = mapping.indexOf(LedgerContract.AMOUNT);
        this.forecastMade = mapping.indexOf(LedgerContract.FORECAST_MADE);
    }

    @Override
    public ExtractLine parse(long lineNumber, String line, List<String> fields) {
        List<String> problems = new ArrayList<>(2);
        // The amount first: even on a line rejected for another reason it counts in the file total.
        BigDecimal value = MeasureField.parse(fields.get(amount), "amount",
                "amount is empty; every row needs an amount (belopp)", CsvLedgerParser::amountProblem, problems);
        Integer yyyymm = null;
        String periodText = fields.get(period);
        if (periodText.isBlank()) {
            problems.add("period is empty; write YYYYMM, YYYY-MM or YYYY-MM-DD (e.g. 202403)");
        } else {
            try {
                yyyymm = PeriodText.yyyymm(PeriodText.parsePeriod(periodText));
            } catch (ExtractFormatException e) {
                problems.add("period " + e.getMessage());
            }
        }
        String costCenterValue = fields.get(costCenter).strip();
        if (costCenterValue.isEmpty()) {
            problems.add("cost_center is empty; every row needs a cost centre (kostnadsställe)");
        }
        String accountValue = fields.get(account).strip();
        if (accountValue.isEmpty()) {
            problems.add("account is empty; every row needs an account (konto)");
        }
        String scenarioValue = Scenario.ACTUAL.name();
        if (scenario >= 0) {
            try {
                scenarioValue = Scenario.parse(fields.get(scenario)).name();
            } catch (IllegalArgumentException e) {
                problems.add("scenario: " + e.getMessage());
            }
        }
        String made = forecastMade < 0 ? "" : fields.get(forecastMade).strip();
        if (!made.isEmpty()) {
            if (!scenarioValue.equals(Scenario.FORECAST.name())) {
                problems.add("forecast_made " + made + " on a " + scenarioValue + " row; only FORECAST (PROGNOS) rows"
                        + " have a forecast month: empty the column or set the scenario");
            } else {
                try {
                    scenarioValue = LedgerEntry.forecastVersion(PeriodText.yyyymm(PeriodText.parsePeriod(made)));
                } catch (ExtractFormatException e) {
                    problems.add("forecast_made " + e.getMessage() + " (the month the forecast was made, e.g. 202402)");
                }
            }
        }
        if (!problems.isEmpty()) {
            return ExtractLine.rejected(lineNumber, String.join("; ", problems), line, value);
        }
        return new LedgerEntry(yyyymm, scenarioValue, costCenterValue, accountValue,
                optional(fields, activity), optional(fields, counterpart),
                value.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY), lineNumber).line();
    }

    /**
     * Why a parsed amount cannot be a ledger amount, or null when it can: the ledger carries öre, and
     * a third decimal is never rounded away silently (it may also be a thousands dot misread).
     */
    static String amountProblem(BigDecimal value, String shown) {
        if (value.scale() > AMOUNT_SCALE) {
            return "amount '" + shown + "' has " + value.scale() + " decimals; the ledger carries öre (2 decimals):"
                    + " round to öre in the export";
        }
        if (value.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY).precision() > AMOUNT_PRECISION) {
            return "amount '" + shown + "' is too large: the ledger holds at most " + (AMOUNT_PRECISION - AMOUNT_SCALE)
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
