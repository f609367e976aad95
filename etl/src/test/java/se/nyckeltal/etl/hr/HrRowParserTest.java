package se.nyckeltal.etl.hr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.extract.ExtractLine;
import se.nyckeltal.schemas.contract.HrContract;
import se.nyckeltal.schemas.text.CsvLineSplitter;
import se.nyckeltal.schemas.text.HeaderMatcher;

/** One HR row at a time: Swedish headers and values, pseudonyms, and every reason a row is refused. */
class HrRowParserTest {
    private static final PseudonymKey KEY = PseudonymKey.of("a test key that is long enough", "test");
    private static final List<String> SWEDISH_HEADER = List.of("Datum", "Anstnr", "Kst", "Personalkategori", "Yrke",
            "Kön", "Födelseår", "Timtyp", "Timmar");
    private final HrRowParser parser = new HrRowParser(HeaderMatcher.match(SWEDISH_HEADER, HrContract.COLUMNS), KEY);

    private ExtractLine parse(String line) {
        return parser.parse(7, line, CsvLineSplitter.split(line, ';'));
    }

    @Test
    void aValidRowCarriesThePseudonymAndCanonicalCodes() {
        ExtractLine line = parse("2024-03-05;19870412-0042;1010;egen;Sjuksköterska;K;1987;Övertid;2,5");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.VALID);
        assertThat(line.period()).isEqualTo(202403);
        assertThat(line.scenario()).isEqualTo("ACTUAL");
        assertThat(line.measure()).isEqualByComparingTo("2.5");
        assertThat(line.values()).containsExactly(KEY.pseudonym("19870412-0042"), LocalDate.of(2024, 3, 5), "1010", "OWN",
                "NURSE", "K", 1987, "OVERTIME");
        assertThat((String) line.values().get(0)).matches("[0-9a-f]{32}").doesNotContain("0042");
    }

    @Test
    void thePseudonymIsStableAndDependsOnTheKey() {
        PseudonymKey other = PseudonymKey.of("another key, also long enough", "test");

        assertThat(KEY.pseudonym("4711")).isEqualTo(KEY.pseudonym(" 4711 "))
                .isEqualTo(PseudonymKey.of("a test key that is long enough\n", "file").pseudonym("4711"))
                .isNotEqualTo(KEY.pseudonym("4712")).isNotEqualTo(other.pseudonym("4711"));
    }

    @Test
    void negativeHoursAreRefusedButStillCountInTheFileTotal() {
        ExtractLine line = parse("2024-03-05;4711;1010;OWN;NURSE;K;1987;WORKED;−2,00");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.REJECTED);
        assertThat(line.reason()).isEqualTo("hours '−2,00' are negative; hours are never below zero (deliver the"
                + " corrected month as a new file instead of a correction row)");
        assertThat(line.measure()).isEqualByComparingTo("-2");
    }

    @Test
    void unknownCodesAreRefusedWithWhatIsAccepted() {
        ExtractLine line = parse("2024-03-05;4711;1010;konsult;pilot;X;1987;FIKA;8");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.REJECTED);
        assertThat(line.reason()).contains("unknown staff category 'konsult'", "unknown profession 'pilot'",
                "unknown gender 'X': use K or M", "unknown hour type 'FIKA'");
        assertThat(line.measure()).isEqualByComparingTo("8");
    }

    @Test
    void birthYearsMustBeFourDigitsAndAPlausibleAge() {
        assertThat(parse("2024-03-05;4711;1010;OWN;NURSE;K;87;WORKED;8").reason())
                .isEqualTo("birth_year '87' is not a year: write four digits, e.g. 1978");
        // 2024 − 1900 = 124, 2024 − 2015 = 9: outside 13–100
        assertThat(parse("2024-03-05;4711;1010;OWN;NURSE;K;1900;WORKED;8").reason())
                .isEqualTo("birth_year '1900' gives an age of 124 in 2024; ages 13–100 are accepted");
        assertThat(parse("2024-03-05;4711;1010;OWN;NURSE;K;2015;WORKED;8").reason()).contains("age of 9");
        assertThat(parse("2024-03-05;4711;1010;OWN;NURSE;K;1957;WORKED;8").kind()).isEqualTo(ExtractLine.Kind.VALID);
    }

    @Test
    void emptyAndMalformedFieldsAreNamed() {
        ExtractLine line = parse("2024-13-05;;;OWN;NURSE;K;1987;WORKED;");

        assertThat(line.reason()).contains("hours is empty", "date '2024-13-05' is not a date",
                "employee_id is empty", "cost_center is empty");
        assertThat(line.measure()).isNull();
        assertThat(parse("2024-03-05;4711;1010;OWN;NURSE;K;1987;WORKED;25").reason())
                .isEqualTo("hours '25' are more than 24 in one day");
        assertThat(parse("2024-03-05;4711;1010;OWN;NURSE;K;1987;WORKED;7,83333").reason())
                .isEqualTo("hours '7,83333' have more than 4 decimals; round in the export");
    }

    @Test
    void aReasonNeverQuotesTheEmployeeId() {
        // The export shifted a column: the id landed in the hour type too.
        ExtractLine line = parse("2024-03-05;4711;1010;OWN;NURSE;K;1987;4711;8");

        assertThat(line.reason()).isEqualTo(
                "unknown hour type '***': use one of [WORKED, OVERTIME, ON_CALL, SCHEDULED, SICK, VACATION, OTHER_ABSENCE]"
                        + " (or ARBETAD, ÖVERTID, JOUR, SCHEMALAGD, SJUK, SEMESTER, ÖVRIG FRÅNVARO)");
    }

    @Test
    void theEmployeeIdOfARejectedLineIsMaskedInPlace() {
        EmployeeIdMask mask = new EmployeeIdMask(';', 1, 9);

        assertThat(mask.mask(3, "2024-03-05;4711;1010;OWN;NURSE;K;1987;WORKED;−2"))
                .isEqualTo("2024-03-05;***;1010;OWN;NURSE;K;1987;WORKED;−2");
        assertThat(mask.mask(3, "2024-03-05;\"47;11\";1010;OWN;NURSE;K;1987;WORKED;−2\r"))
                .isEqualTo("2024-03-05;***;1010;OWN;NURSE;K;1987;WORKED;−2");
        assertThat(new EmployeeIdMask(',', 0, 3).mask(4, "4711,\"8,5\",x")).isEqualTo("***,\"8,5\",x");
        // a field too many: where the id is cannot be told, so nothing of the line is shown
        assertThat(mask.mask(9, "2024-03-05;4711;10;10;OWN;NURSE;K;1987;WORKED;8"))
                .isEqualTo("[line withheld: it does not split into the header's 9 fields, so the employee id in it"
                        + " cannot be masked; see line 9 of the delivered file]");
        assertThat(mask.mask(9, "2024-03-05;\"4711;1010")).startsWith("[line withheld");
    }

    @Test
    void hoursUpToTwentyFourAndFourDecimalsLoad() {
        ExtractLine line = parse("2024-02-29;4711;1010;resursenhet;läkare;M;1960;jour;24,0000");

        assertThat(line.kind()).isEqualTo(ExtractLine.Kind.VALID);
        assertThat(line.measure()).isEqualTo(new BigDecimal("24.0000"));
        assertThat(line.values()).containsExactly(KEY.pseudonym("4711"), LocalDate.of(2024, 2, 29), "1010",
                "RESOURCE_POOL", "DOCTOR", "M", 1960, "ON_CALL");
    }
}
