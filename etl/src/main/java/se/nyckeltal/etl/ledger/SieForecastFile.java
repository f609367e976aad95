package se.nyckeltal.etl.ledger;

import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.nyckeltal.etl.extract.UnreadableFileException;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.PeriodText;

/**
 * An SIE file that delivers a forecast (prognos). SIE 4 has no forecast record, so financial systems export a
 * forecast as {@code #PBUDGET} rows; the file's name says that it is one and when it was made:
 * {@code prognos-2024-02.se} (or {@code forecast_202402.si}) — its {@code #PBUDGET} rows load as FORECAST made in
 * February 2024, so the forecast of February and that of the tertial report stay side by side (SPEC §3, Forecast
 * versions). Without a month in the name the forecast has no version and replaces as before.
 *
 * @param forecastMade YYYYMM, or null for a forecast without a version
 */
record SieForecastFile(Integer forecastMade) {
    private static final Pattern NAME = Pattern.compile("^(?:prognos|forecast)(?:[-_ .]+(\\d{4}-?\\d{2})(?!\\d))?.*");

    /**
     * @throws UnreadableFileException when the name's month is no month (prognos-2024-13.se): the file would load as
     *     a forecast made in a month that does not exist
     */
    static Optional<SieForecastFile> of(String fileName) {
        Matcher name = NAME.matcher(fileName.toLowerCase(Locale.ROOT));
        if (!name.matches()) {
            return Optional.empty();
        }
        if (name.group(1) == null) {
            return Optional.of(new SieForecastFile(null));
        }
        try {
            YearMonth made = PeriodText.parsePeriod(name.group(1));
            return Optional.of(new SieForecastFile(PeriodText.yyyymm(made)));
        } catch (ExtractFormatException e) {
            throw new UnreadableFileException(null, null, "the forecast month in the file name " + fileName + " is not a"
                    + " month (" + e.getMessage() + "); name a forecast file prognos-YYYY-MM.se after the month it was made");
        }
    }

    /** The scenario key of this forecast's rows: FORECAST@YYYYMM, or FORECAST without a version. */
    String scenario() {
        return forecastMade == null ? "FORECAST" : LedgerEntry.forecastVersion(forecastMade);
    }

    /** A #PBUDGET row of this file as the forecast row it is. */
    LedgerEntry forecast(LedgerEntry budgetRow) {
        return new LedgerEntry(budgetRow.period(), scenario(), budgetRow.costCenter(), budgetRow.account(),
                budgetRow.activity(), budgetRow.counterpart(), budgetRow.amount(), budgetRow.lineNumber());
    }

    /** The warning of a forecast file without a month in its name. */
    Optional<String> warning(String fileName) {
        return forecastMade != null ? Optional.empty() : Optional.of(fileName + " is a forecast without the month it"
                + " was made: it replaces earlier forecasts of its periods; name it prognos-YYYY-MM.se to keep versions"
                + " side by side");
    }
}
