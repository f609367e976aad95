package se.nyckeltal.etl.ledger.sie;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.actual;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.budget;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.sie;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.ledger.RejectedLine;

/** #PSALDO (ACTUAL) and #PBUDGET (BUDGET) rows: one amount per period × account × cost centre, never twice. */
class SieBalancesTest {

    @Test
    void periodBalancesAndBudgetsLoadPerCostCentre() {
        SieReadResult result = SieLedgerReader.read("saldo.se", sie(Charset.forName("IBM437"), "\n",
                "#FLAGGA 0",                                  // 1
                "#FORMAT PC8",                                // 2
                "#SIETYP 4",                                  // 3
                "#DIM 1 \"Kostnadsställe\"",                  // 4
                "#PSALDO 0 202401 5010 {1 \"1010\"} 1000.00", // 5
                "#PSALDO 0 202401 5010 {1 \"1020\"} 250.50",  // 6
                "#PBUDGET 0 202401 5010 {1 \"1010\"} 900",    // 7  no öre: 900.00
                "#PBUDGET 0 202401 5010 {1 1020} 300.00 12",  // 8  unquoted object, quantity 12 ignored
                "#PSALDO -1 202301 3010 {1 \"1010\"} -5000.00")); // 9  årsnr -1: the period is absolute

        assertThat(result.entries()).containsExactly(
                actual(202401, "1010", "5010", "1000.00", 5),
                actual(202401, "1020", "5010", "250.50", 6),
                budget(202401, "1010", "5010", "900.00", 7),
                budget(202401, "1020", "5010", "300.00", 8),
                actual(202301, "1010", "3010", "-5000.00", 9));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.linesRead()).isEqualTo(9);
    }

    @Test
    void accountTotalBesideItsCostCentresIsNotCountedTwice() {
        // Line 5 is the account as a whole, lines 6–7 the same money per cost centre, line 8 per
        // project. Loaded: 1000.00 + 250.50 = 1250.50, the total — not 3 × 1250.50.
        SieReadResult result = SieLedgerReader.read("objekt.se", sie(
                "#FLAGGA 0",
                "#FORMAT PC8",
                "#SIETYP 4",
                "#PBUDGET 0 202402 5010 {} 1250.50",           // 4
                "#PSALDO 0 202402 5010 {} 1250.50",            // 5
                "#PSALDO 0 202402 5010 {1 \"1010\"} 1000.00",  // 6
                "#PSALDO 0 202402 5010 {1 \"1020\"} 250.50",   // 7
                "#PSALDO 0 202402 5010 {6 \"P1\"} 1250.50"));  // 8

        assertThat(result.entries()).containsExactly(
                budget(202402, SieLedgerReader.UNMAPPED, "5010", "1250.50", 4),
                actual(202402, "1010", "5010", "1000.00", 6),
                actual(202402, "1020", "5010", "250.50", 7));
        assertThat(sumOfActuals(result)).isEqualByComparingTo("1250.50");
        assertThat(result.warnings()).containsExactly("1 of 3 amounts have no cost centre (no dimension 1 object)"
                + " and are loaded on cost centre UNMAPPED (account 5010)");
    }

    @Test
    void accountWithOnlyATotalLoadsOnUnmappedWithAWarning() {
        SieReadResult result = SieLedgerReader.read("total.se", sie(
                "#FLAGGA 0",
                "#FORMAT PC8",
                "#SIETYP 4",
                "#PSALDO 0 202401 1910 {} -1250.50",          // 4  no cost centre at all
                "#PSALDO 0 202401 5010 {} 1250.50",           // 5  total of line 6
                "#PSALDO 0 202401 5010 {1 \"1010\"} 1250.50")); // 6

        assertThat(result.entries()).containsExactly(
                actual(202401, "UNMAPPED", "1910", "-1250.50", 4),
                actual(202401, "1010", "5010", "1250.50", 6));
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("1 of 2 amounts have no cost centre")
                .contains("UNMAPPED (account 1910)");
    }

    @Test
    void moneyInTheTotalButOnNoCostCentreLoadsAsTheDifferenceOnUnmapped() {
        // Total 1300.00, cost centres 1000.00 + 250.50 = 1250.50: 49.50 was booked without a cost centre.
        SieReadResult result = SieLedgerReader.read("rest.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {} 1300.00",            // 2
                "#PSALDO 0 202401 5010 {1 \"1010\"} 1000.00",  // 3
                "#PSALDO 0 202401 5010 {1 \"1020\"} 250.50")); // 4

        assertThat(result.entries()).containsExactly(
                actual(202401, "UNMAPPED", "5010", "49.50", 2),
                actual(202401, "1010", "5010", "1000.00", 3),
                actual(202401, "1020", "5010", "250.50", 4));
        assertThat(sumOfActuals(result)).isEqualByComparingTo("1300.00");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("total {} on line 2 is 1300.00 but its cost centres sum to 1250.50")
                .contains("the difference 49.50 is loaded on UNMAPPED"));
    }

    @Test
    void costCentreRowPrefersItsExactRowOverFinerOnesAndSumsFinerOnesOtherwise() {
        // 1010 has its own row (line 4): 1000.00, the project rows 600 + 400 are the same money.
        // 1020 has only project rows: 70.00 + 30.00 = 100.00, reported on the first (line 5).
        SieReadResult result = SieLedgerReader.read("finare.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {1 \"1010\" 6 \"P1\"} 600.00",  // 2
                "#PSALDO 0 202401 5010 {1 \"1010\" 6 \"P2\"} 400.00",  // 3
                "#PSALDO 0 202401 5010 {1 \"1010\"} 1000.00",          // 4
                "#PSALDO 0 202401 5010 {6 \"P2\" 1 \"1020\"} 70.00",   // 5  pairs in any order
                "#PSALDO 0 202401 5010 {1 \"1020\" 6 \"P3\"} 30.00")); // 6

        assertThat(result.entries()).containsExactly(
                actual(202401, "1010", "5010", "1000.00", 4),
                actual(202401, "1020", "5010", "100.00", 5));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void twoCompetingBreakdownsOfACostCentreLoadOnlyOneWithAWarning() {
        // By project (6): 60 + 40 = 100; by employee (7): 100. Loading both would give 200.
        SieReadResult result = SieLedgerReader.read("tva-satt.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 7010 {1 \"1010\" 7 \"E1\"} 100.00",  // 2
                "#PSALDO 0 202401 7010 {1 \"1010\" 6 \"P1\"} 60.00",   // 3
                "#PSALDO 0 202401 7010 {1 \"1010\" 6 \"P2\"} 40.00")); // 4

        assertThat(result.entries()).containsExactly(actual(202401, "1010", "7010", "100.00", 3));
        assertThat(result.warnings()).singleElement().asString()
                .contains("cost centre 1010 is broken down in 2 ways (by dimensions 1+6 and by 1+7)")
                .contains("loaded only the breakdown by 1+6 (lines 3, 4)");
    }

    @Test
    void repeatedBalanceRowIsRejectedAndTheFirstLoads() {
        SieReadResult result = SieLedgerReader.read("dubbel.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {1 \"1010\"} 1000.00",   // 2
                "#PSALDO 0 202401 5010 {1 \"1010\"} 1000.00")); // 3

        assertThat(result.entries()).containsExactly(actual(202401, "1010", "5010", "1000.00", 2));
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(3);
            assertThat(r.reason()).isEqualTo("#PSALDO on line 3 repeats #PSALDO 202401 account 5010 {1 \"1010\"}"
                    + " already given on line 2; a period balance is stated once, so only line 2 is loaded");
            assertThat(r.amount()).isEqualByComparingTo("1000.00");
        });
    }

    @Test
    void malformedAmountIsRejectedWithItsPhysicalLineNumber() {
        // CRLF line ends and a blank line: physical line 6 is still line 6.
        SieReadResult result = SieLedgerReader.read("fel.se", sie(StandardCharsets.US_ASCII, "\r\n",
                "#FLAGGA 0",                                  // 1
                "#FORMAT PC8",                                // 2
                "#SIETYP 4",                                  // 3
                "",                                           // 4
                "#PSALDO 0 202401 5010 {1 \"1020\"} 100.00",  // 5
                "#PSALDO 0 202401 5010 {1 \"1010\"} 12,5x",   // 6
                "#PSALDO 0 202401 5020 {1 \"1010\"} -7.25"));  // 7

        assertThat(result.rejected()).containsExactly(new RejectedLine(6,
                "#PSALDO on line 6 has amount '12,5x' which is not a number; SIE amounts use a dot decimal and no"
                        + " thousands separators (e.g. -1234.50)",
                "#PSALDO 0 202401 5010 {1 \"1010\"} 12,5x", null));
        assertThat(result.entries()).containsExactly(
                actual(202401, "1020", "5010", "100.00", 5),
                actual(202401, "1010", "5020", "-7.25", 7));
        assertThat(result.linesRead()).isEqualTo(7);
    }

    @Test
    void amountWithMoreThanTwoDecimalsOrACommaIsRejected() {
        SieReadResult result = SieLedgerReader.read("decimaler.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {1 \"1010\"} 10.005",  // 2
                "#PSALDO 0 202401 5010 {1 \"1020\"} 10,50",   // 3
                "#PSALDO 0 202401 5010 {1 \"1030\"} 10.500")); // 4  exactly 10.50: fine

        assertThat(result.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2L, 3L);
        assertThat(result.rejected().get(0).reason()).contains("'10.005' with more than two decimals");
        assertThat(result.rejected().get(1).reason()).contains("'10,50' which is not a number; SIE amounts use a dot");
        assertThat(result.entries()).containsExactly(actual(202401, "1030", "5010", "10.50", 4));
    }

    @Test
    void periodMustBeYearAndCalendarMonth() {
        SieReadResult result = SieLedgerReader.read("period.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202413 5010 {1 \"1010\"} 10.00",   // 2  month 13
                "#PSALDO 0 2024-01 5010 {1 \"1010\"} 10.00",  // 3
                "#PSALDO 202401 5010 {1 \"1010\"} 10.00"));   // 4  årsnr left out

        assertThat(result.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2L, 3L, 4L);
        assertThat(result.rejected().get(0).reason()).isEqualTo("#PSALDO on line 2 has period '202413' which is not"
                + " a period; SIE periods are written ÅÅÅÅMM, calendar year and month (e.g. 202401)");
        assertThat(result.rejected().get(0).amount()).isEqualByComparingTo("10.00");
        assertThat(result.rejected().get(2).reason())
                .startsWith("#PSALDO on line 4 has årsnr '202401' which is not a year number");
        assertThat(result.entries()).isEmpty();
    }

    @Test
    void objectListThatIsNotPairsIsRejected() {
        SieReadResult result = SieLedgerReader.read("objekt.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {1} 10.00"));

        assertThat(result.rejected()).singleElement().extracting(RejectedLine::reason).asString()
                .isEqualTo("#PSALDO on line 2 has object list {1} which does not hold pairs of dimension and object;"
                        + " write e.g. {1 \"1010\"} or {} for none");
    }

    @Test
    void objectListWhereTheAmountBelongsIsRejected() {
        SieReadResult result = SieLedgerReader.read("tva-listor.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {} {1 \"1010\"} 10.00"));

        assertThat(result.rejected()).singleElement().extracting(RejectedLine::reason).asString()
                .isEqualTo("#PSALDO on line 2 has an object list {…} where the amount belongs");
        assertThat(result.entries()).isEmpty();
    }

    @Test
    void fileOfAnotherSieTypeIsReadWithAWarning() {
        // Type 2: period balances without objects.
        SieReadResult result = SieLedgerReader.read("typ2.se", sie(
                "#FLAGGA 0",
                "#SIETYP 2",
                "#PSALDO 0 202401 5010 {} 10.00"));

        assertThat(result.entries()).containsExactly(actual(202401, "UNMAPPED", "5010", "10.00", 3));
        assertThat(result.warnings()).contains("the file is SIE type 2 (#SIETYP 2), not type 4: type 2 holds period"
                + " balances without objects, so everything loads on UNMAPPED; read what is there");
    }

    private static BigDecimal sumOfActuals(SieReadResult result) {
        return result.entries().stream()
                .filter(e -> e.scenario().equals("ACTUAL"))
                .map(e -> e.amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
