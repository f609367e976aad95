package se.nyckeltal.etl.ledger.sie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.actual;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.sie;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import se.nyckeltal.etl.ledger.RejectedLine;

/** #VER blocks: #TRANS rows summed to ACTUAL per period, account and cost centre; a verification loads whole. */
class SieVerificationsTest {

    @Test
    void transactionsAreSummedPerPeriodWithTheTransactionDateBeforeTheVerificationDate() {
        SieReadResult result = SieLedgerReader.read("ver.se", sie(
                "#FLAGGA 0",                                           // 1
                "#FORMAT PC8",                                         // 2
                "#SIETYP 4",                                           // 3
                "#VER A 1 20240115 \"Material\"",                      // 4
                "{",                                                   // 5
                "   #TRANS 5010 {1 \"1010\"} 100.00",                  // 6
                "   #TRANS 5010 {1 \"1010\"} 50.25",                   // 7
                "   #TRANS 5010 {1 \"1020\"} 20.00",                   // 8
                "   #TRANS 1910 {} -170.25",                           // 9
                "}",                                                   // 10
                "#VER A 2 20240131 \"Periodisering\" 20240131 AN",     // 11
                "{",                                                   // 12
                "\t#TRANS\t5010\t{1 \"1010\"}\t30.00\t20240201\t\"feb\"", // 13 transdat: February
                "\t#TRANS\t1910\t{}\t-30.00\t\"\"\t\"\"",              // 14 empty transdat: January
                "}",                                                   // 15
                "#VER A 3 20240210",                                   // 16
                "{",                                                   // 17
                "#TRANS 5010 {1 \"1010\" 6 \"P1\"} 10.00",             // 18 a project too: still cost centre 1010
                "#TRANS 1910 {} -10.00",                               // 19
                "}"));                                                 // 20

        // 202401 5010/1010: 100.00 + 50.25            = 150.25 (first row line 6)
        // 202401 5010/1020: 20.00                      (line 8)
        // 202401 1910/UNMAPPED: -170.25 + -30.00       = -200.25 (line 9)
        // 202402 5010/1010: 30.00 (transdat) + 10.00  = 40.00 (line 13)
        // 202402 1910/UNMAPPED: -10.00                 (line 19)
        assertThat(result.entries()).containsExactly(
                actual(202401, "1010", "5010", "150.25", 6),
                actual(202401, "1020", "5010", "20.00", 8),
                actual(202401, "UNMAPPED", "1910", "-200.25", 9),
                actual(202402, "1010", "5010", "40.00", 13),
                actual(202402, "UNMAPPED", "1910", "-10.00", 19));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.warnings()).containsExactly("2 of 5 amounts have no cost centre (no dimension 1 object) and"
                + " are loaded on cost centre UNMAPPED (account 1910)");
        assertThat(result.linesRead()).isEqualTo(20);
    }

    @Test
    void periodBalancesWinOverTransactionsOfTheSamePeriod() {
        SieReadResult result = SieLedgerReader.read("bada.se", sie(
                "#SIETYP 4",                                  // 1
                "#PSALDO 0 202401 5010 {1 \"1010\"} 150.25",  // 2
                "#VER A 1 20240115",                          // 3
                "{",                                          // 4
                "#TRANS 5010 {1 \"1010\"} 150.25",            // 5  January: already in line 2
                "#TRANS 1910 {} -150.25",                     // 6
                "}",                                          // 7
                "#VER A 2 20240215",                          // 8
                "{",                                          // 9
                "#TRANS 5010 {1 \"1010\"} 40.00",             // 10 February: no #PSALDO, so loaded
                "#TRANS 1910 {} -40.00",                      // 11
                "}"));                                        // 12

        assertThat(result.entries()).containsExactly(
                actual(202401, "1010", "5010", "150.25", 2),
                actual(202402, "1010", "5010", "40.00", 10),
                actual(202402, "UNMAPPED", "1910", "-40.00", 11));
        assertThat(result.warnings()).contains("the file has both #PSALDO period balances and verifications for"
                + " period(s) 202401; their actuals are taken from #PSALDO and the 2 #TRANS row(s) of those periods are"
                + " not loaded (both would count the same money twice)");
    }

    @Test
    void unbalancedVerificationIsRejectedRowByRow() {
        SieReadResult result = SieLedgerReader.read("obalans.se", sie(
                "#SIETYP 4",                           // 1
                "#VER A 7 20240120 \"Felaktig\"",      // 2
                "{",                                   // 3
                "#TRANS 5010 {1 \"1010\"} 100.00",     // 4
                "#TRANS 1910 {} -90.00",               // 5  100.00 - 90.00 = 10.00, not 0
                "}",                                   // 6
                "#VER A 8 20240121",                   // 7
                "{",                                   // 8
                "#TRANS 5010 {1 \"1010\"} 5.00",       // 9
                "#TRANS 1910 {} -5.00",                // 10
                "}"));                                 // 11

        String reason = "verification A 7 (#VER on line 2) does not balance: its #TRANS rows sum to 10.00 instead of"
                + " 0.00 (debit must equal credit), so none of its 2 rows is loaded";
        assertThat(result.rejected()).containsExactly(
                new RejectedLine(4, reason, "#TRANS 5010 {1 \"1010\"} 100.00", new BigDecimal("100.00")),
                new RejectedLine(5, reason, "#TRANS 1910 {} -90.00", new BigDecimal("-90.00")));
        assertThat(result.entries()).containsExactly(
                actual(202401, "1010", "5010", "5.00", 9),
                actual(202401, "UNMAPPED", "1910", "-5.00", 10));
    }

    @Test
    void unreadableRowRejectsItsWholeVerification() {
        SieReadResult result = SieLedgerReader.read("trasig.se", sie(
                "#SIETYP 4",                           // 1
                "#VER B 3 20240301",                   // 2
                "{",                                   // 3
                "#TRANS 5010 {1 \"1010\"} 1OO.00",     // 4  letter O, not zero
                "#TRANS 1910 {} -100.00",              // 5
                "}"));                                 // 6

        assertThat(result.entries()).isEmpty();
        assertThat(result.rejected()).extracting(RejectedLine::lineNumber, RejectedLine::reason).containsExactly(
                tuple(4L, "#TRANS on line 4 has amount '1OO.00' which is not a number;"
                        + " SIE amounts use a dot decimal and no thousands separators (e.g. -1234.50); verification B 3"
                        + " (#VER on line 2) is therefore not loaded"),
                tuple(5L, "verification B 3 (#VER on line 2) is not loaded because its"
                        + " row on line 4 cannot be read, so it cannot be checked to balance; a verification loads"
                        + " whole or not at all"));
        assertThat(result.rejected().get(1).amount()).isEqualByComparingTo("-100.00");
    }

    @Test
    void addedAndRemovedRowsAreReadAsSie4bSays() {
        // SIE 4B #BTRANS example: #RTRANS is repeated as the #TRANS after it, #BTRANS no longer counts.
        // -1000.00 + 200.00 + 800.00 = 0: balanced.
        SieReadResult result = SieLedgerReader.read("rtrans.se", sie(
                "#SIETYP 4",                               // 1
                "#VER \"\" \"\" 20080101 \"Porto\"",       // 2
                "{",                                       // 3
                "#TRANS 1910 { } -1000.00",                // 4
                "#TRANS 2640 { } 200.00",                  // 5
                "#BTRANS 6110 { } 800.00",                 // 6
                "#RTRANS 6250 {1 \"1010\"} 800.00",        // 7
                "#TRANS 6250 {1 \"1010\"} 800.00",         // 8
                "}"));                                     // 9

        assertThat(result.entries()).containsExactly(
                actual(200801, "UNMAPPED", "1910", "-1000.00", 4),
                actual(200801, "UNMAPPED", "2640", "200.00", 5),
                actual(200801, "1010", "6250", "800.00", 8));
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void transactionOutsideAVerificationIsRejected() {
        SieReadResult result = SieLedgerReader.read("los.se", sie(
                "#SIETYP 4",
                "#TRANS 5010 {1 \"1010\"} 100.00"));

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.reason()).isEqualTo("#TRANS on line 2 is outside a #VER { } block; SIE allows #TRANS only as"
                    + " a row of a verification");
            assertThat(r.amount()).isEqualByComparingTo("100.00");
        });
    }

    @Test
    void verificationWithAnUnreadableDateIsRejected() {
        SieReadResult result = SieLedgerReader.read("datum.se", sie(
                "#SIETYP 4",
                "#VER A 1 2024-01-15",        // 2
                "{",
                "#TRANS 5010 {} 1.00",        // 4
                "#TRANS 1910 {} -1.00",       // 5
                "}"));

        assertThat(result.rejected()).extracting(RejectedLine::lineNumber).containsExactly(4L, 5L);
        assertThat(result.rejected().get(0).reason()).isEqualTo("#VER on line 2 has date '2024-01-15' which is not a"
                + " date; SIE dates are written ÅÅÅÅMMDD (e.g. 20240131); its rows are not loaded");
    }

    @Test
    void fileEndingInsideAVerificationIsReadAsClosedWithAWarning() {
        SieReadResult result = SieLedgerReader.read("avbruten.se", sie(
                "#SIETYP 4",
                "#VER A 1 20240105",   // 2
                "{",
                "#TRANS 5010 {1 \"1010\"} 1.00",
                "#TRANS 1910 {} -1.00"));

        assertThat(result.entries()).hasSize(2);
        assertThat(result.warnings()).contains("the file ends inside verification A 1 (#VER on line 2) (no closing"
                + " '}'); read as closed. Check that the file is complete");
    }
}
