package se.nyckeltal.etl.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.etl.extract.ExtractLine.Kind;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.HeaderMatcher;

/**
 * One ledger row at a time, without Spark: what a controller reads in the quarantine. The rules
 * every CSV shares (blank lines, the header, field counts, quotes) are in {@code CsvExtractTest}.
 */
class CsvLedgerParserTest {
    private static final List<String> HEADER =
            List.of("period", "cost_center", "account", "activity", "counterpart", "scenario", "amount");
    private final CsvLedgerParser parser = new CsvLedgerParser(HeaderMatcher.match(HEADER, LedgerContract.COLUMNS));

    @Test
    void validLineBecomesAnEntryWithNullsForEmptyOptionalValues() {
        ExtractLine line = parse("202403;1100;4010;;;;-1 234,50", 2);

        assertThat(line).isEqualTo(
                new LedgerEntry(202403, "ACTUAL", "1100", "4010", null, null, new BigDecimal("-1234.50"), 2).line());
        assertThat(line.kind()).isEqualTo(Kind.VALID);
        assertThat(line.values()).containsExactly("1100", "4010", null, null);
        assertThat(line.measure()).isEqualTo(new BigDecimal("-1234.50"));
    }

    @Test
    void everyProblemOfALineIsInItsOneReason() {
        ExtractLine rejected = parse("2024-13;;4010;;;;12,5", 7);

        assertThat(rejected.kind()).isEqualTo(Kind.REJECTED);
        assertThat(rejected.lineNumber()).isEqualTo(7);
        assertThat(rejected.reason()).contains("period '2024-13' is not a period", "cost_center is empty");
        // The amount itself was fine: it still counts in the file total.
        assertThat(rejected.measure()).isEqualByComparingTo("12.5");
        assertThat(rejected.rawLine()).isEqualTo("2024-13;;4010;;;;12,5");
    }

    @Test
    void aThirdDecimalIsNeverRoundedAway() {
        // "1.000" may well be a thousand written with a thousands dot: refusing it is the safe reading.
        ExtractLine rejected = parse("202403;1100;4010;;;;1.000", 2);

        assertThat(rejected.reason()).isEqualTo(
                "amount '1.000' has 3 decimals; the ledger carries öre (2 decimals): round to öre in the export");
        assertThat(rejected.measure()).isEqualTo(new BigDecimal("1.000"));
    }

    @Test
    void amountsBeyondDecimal18Comma2AreRejected() {
        assertThat(parse("202403;1100;4010;;;;9 999 999 999 999 999,99", 2).kind()).isEqualTo(Kind.VALID);

        ExtractLine tooLarge = parse("202403;1100;4010;;;;12345678901234567", 2);
        assertThat(tooLarge.reason()).contains("'12345678901234567' is too large", "16 digits");
        assertThat(tooLarge.measure()).isEqualTo(new BigDecimal("12345678901234567"));
    }

    @Test
    void unknownScenarioNamesTheValueAndTheChoices() {
        ExtractLine rejected = parse("202403;1100;4010;;;KALKYL;1,00", 2);

        assertThat(rejected.reason()).contains("scenario", "'KALKYL'", "UTFALL, BUDGET, PROGNOS");
    }

    @Test
    void emptyAmountHasNoAmount() {
        ExtractLine rejected = parse("202403;1100;4010;;;;", 2);

        assertThat(rejected.reason()).isEqualTo("amount is empty; every row needs an amount (belopp)");
        assertThat(rejected.measure()).isNull();
    }

    private ExtractLine parse(String text, long lineNumber) {
        return parser.parse(lineNumber, text, CsvLineSplitter.split(text, ';'));
    }
}
