package se.nyckeltal.etl.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.ledger.LedgerLine.Kind;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.text.Delimiter;
import se.nyckeltal.schemas.text.HeaderMatcher;
import se.nyckeltal.schemas.text.TextEncoding;

/** One line at a time, without Spark: what a controller reads in the quarantine. */
class CsvLedgerParserTest {
    private static final List<String> HEADER =
            List.of("period", "cost_center", "account", "activity", "counterpart", "scenario", "amount");
    private final CsvLedgerParser parser = new CsvLedgerParser(TextEncoding.UTF8, Delimiter.SEMICOLON, 0,
            HeaderMatcher.match(HEADER, LedgerContract.COLUMNS));

    @Test
    void validLineBecomesAnEntryWithNullsForEmptyOptionalValues() {
        LedgerLine line = parse("202403;1100;4010;;;;-1 234,50", 1);

        assertThat(line.kind()).isEqualTo(Kind.ENTRY);
        assertThat(line.entry()).isEqualTo(
                new LedgerEntry(202403, "ACTUAL", "1100", "4010", null, null, new BigDecimal("-1234.50"), 2));
    }

    @Test
    void theHeaderLineGivesNothing() {
        assertThat(parse(String.join(";", HEADER), 0)).isNull();
    }

    @Test
    void blankLinesAboveTheHeaderAreBlankLines() {
        CsvLedgerParser headerOnLineThree = new CsvLedgerParser(TextEncoding.UTF8, Delimiter.SEMICOLON, 2,
                HeaderMatcher.match(HEADER, LedgerContract.COLUMNS));

        assertThat(headerOnLineThree.parse(new byte[0], 0).kind()).isEqualTo(Kind.BLANK);
        assertThat(headerOnLineThree.parse(String.join(";", HEADER).getBytes(StandardCharsets.UTF_8), 2)).isNull();
        assertThat(headerOnLineThree.parse("202403;1;2;;;;3".getBytes(StandardCharsets.UTF_8), 3).entry().lineNumber())
                .isEqualTo(4);
    }

    @Test
    void blankRecordsAreBlankNotRejected() {
        assertThat(parse(";;;;;;", 3).kind()).isEqualTo(Kind.BLANK);
        assertThat(parse("   ", 4).kind()).isEqualTo(Kind.BLANK);
        assertThat(parse("", 5).kind()).isEqualTo(Kind.BLANK);
    }

    @Test
    void everyProblemOfALineIsInItsOneReason() {
        RejectedLine rejected = parse("2024-13;;4010;;;;12,5", 6).rejected();

        assertThat(rejected.lineNumber()).isEqualTo(7);
        assertThat(rejected.reason()).contains("period '2024-13' is not a period", "cost_center is empty");
        // The amount itself was fine: it still counts in the file total.
        assertThat(rejected.amount()).isEqualByComparingTo("12.5");
        assertThat(rejected.rawLine()).isEqualTo("2024-13;;4010;;;;12,5");
    }

    @Test
    void aThirdDecimalIsNeverRoundedAway() {
        // "1.000" may well be a thousand written with a thousands dot: refusing it is the safe reading.
        RejectedLine rejected = parse("202403;1100;4010;;;;1.000", 1).rejected();

        assertThat(rejected.reason()).isEqualTo(
                "amount '1.000' has 3 decimals; the ledger carries öre (2 decimals): round to öre in the export");
        assertThat(rejected.amount()).isEqualTo(new BigDecimal("1.000"));
    }

    @Test
    void amountsBeyondDecimal18Comma2AreRejected() {
        assertThat(parse("202403;1100;4010;;;;9 999 999 999 999 999,99", 1).kind()).isEqualTo(Kind.ENTRY);

        RejectedLine tooLarge = parse("202403;1100;4010;;;;12345678901234567", 1).rejected();
        assertThat(tooLarge.reason()).contains("'12345678901234567' is too large", "16 digits");
        assertThat(tooLarge.amount()).isEqualTo(new BigDecimal("12345678901234567"));
    }

    @Test
    void unknownScenarioNamesTheValueAndTheChoices() {
        RejectedLine rejected = parse("202403;1100;4010;;;KALKYL;1,00", 1).rejected();

        assertThat(rejected.reason()).contains("scenario", "'KALKYL'", "UTFALL, BUDGET, PROGNOS");
    }

    @Test
    void emptyAmountHasNoAmount() {
        RejectedLine rejected = parse("202403;1100;4010;;;;", 1).rejected();

        assertThat(rejected.reason()).isEqualTo("amount is empty; every row needs an amount (belopp)");
        assertThat(rejected.amount()).isNull();
    }

    @Test
    void wrongFieldCountSaysHowToFixIt() {
        RejectedLine rejected = parse("202403;1100;4010;;;;1,00;extra", 1).rejected();

        assertThat(rejected.reason()).contains("8 fields but the header has 7", "semicolon");
        assertThat(rejected.amount()).isNull();
    }

    @Test
    void unclosedQuoteIsRejected() {
        assertThat(parse("202403;\"1100;4010;;;;1,00", 1).rejected().reason()).contains("quoted field is not closed");
    }

    private LedgerLine parse(String text, long index) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), index);
    }
}
