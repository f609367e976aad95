package se.nyckeltal.etl.ledger.sie;

import java.time.DateTimeException;
import java.time.LocalDate;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.text.PeriodText;

/** Periods ({@code ÅÅÅÅMM}) and dates ({@code ÅÅÅÅMMDD}) as SIE writes them (SIE 4B §5.10), as YYYYMM. */
final class SieDate {
    private SieDate() {}

    /** A period field; the message of the exception continues "#PSALDO on line 7 …". */
    static int period(String text) {
        if (text.length() == 6 && digits(text)) {
            try {
                return PeriodText.yyyymm(PeriodText.parsePeriod(text));
            } catch (ExtractFormatException e) {
                // fall through to the SIE wording
            }
        }
        throw new ExtractFormatException("has period '" + text + "' which is not a period; SIE periods are written"
                + " ÅÅÅÅMM, calendar year and month (e.g. 202401)");
    }

    /** The period (YYYYMM) of a date field. */
    static int periodOfDate(String text) {
        if (text.length() == 8 && digits(text)) {
            try {
                LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)),
                        Integer.parseInt(text.substring(6)));
                return PeriodText.yyyymm(PeriodText.parsePeriod(text.substring(0, 6)));
            } catch (DateTimeException | ExtractFormatException e) {
                // fall through to the SIE wording
            }
        }
        throw new ExtractFormatException("has date '" + text + "' which is not a date; SIE dates are written"
                + " ÅÅÅÅMMDD (e.g. 20240131)");
    }

    private static boolean digits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
