package se.nyckeltal.etl.ledger.sie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.actual;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.sie;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import se.nyckeltal.schemas.text.ExtractFormatException;

/** What every SIE file gets regardless of content: labels, quoting, structure, a result Spark can ship. */
class SieLedgerReaderTest {

    @Test
    void unknownLabelIsIgnoredWithOneWarningPerLabel() {
        SieReadResult result = SieLedgerReader.read("okand.se", sie(
                "#FLAGGA 0",                                  // 1
                "#SIETYP 4",                                  // 2
                "#KONTO 5010 \"Lokalhyra\"",                  // 3  known, carries nothing we load: quiet
                "#HEMLIG 1 2",                                // 4
                "#PSALDO 0 202401 5010 {1 \"1010\"} 10.00",   // 5
                "#HEMLIG 3 4",                                // 6
                "#NYHET"));                                   // 7

        assertThat(result.entries()).containsExactly(actual(202401, "1010", "5010", "10.00", 5));
        assertThat(result.warnings()).containsExactly(
                "#HEMLIG (line 4, 2 lines in all) is not a label of SIE 4B; ignored, as the SIE standard prescribes"
                        + " for unknown labels",
                "#NYHET (line 7) is not a label of SIE 4B; ignored, as the SIE standard prescribes for unknown labels");
    }

    @Test
    void quotedTextsWithEscapedQuotesAndSpacesReadAsOneField() {
        SieReadResult result = SieLedgerReader.read("citat.se", sie(
                "#FLAGGA 0",
                "#PROGRAM \"Ekonomi \\\"Plus\\\"\" 5.1",                        // 2
                "#SIETYP 4",
                "#OBJEKT 1 \"Akut Syd\" \"Akutmottagning \\\"Syd\\\"\"",       // 4
                "#PSALDO 0 202401 5010 {1 \"Akut Syd\"} 10.00",                // 5
                "#PSALDO 0 202401 5010 {1 \"Akut \\\"Syd\\\" 2\"} 20.00",      // 6
                "#VER \"A B\" \"12\" 20240205 \"Text med \\\"citat\\\" och {klammer}\"", // 7
                "{",
                "#TRANS 6010 {1 \"Akut Syd\" 6 \"Projekt X\"} 5.00 \"\" \"Rad \\\"1\\\"\"", // 9
                "#TRANS 1910 {} -5.00",                                        // 10
                "}"));

        assertThat(result.entries()).containsExactly(
                actual(202401, "Akut Syd", "5010", "10.00", 5),
                actual(202401, "Akut \"Syd\" 2", "5010", "20.00", 6),
                actual(202402, "Akut Syd", "6010", "5.00", 9),
                actual(202402, "UNMAPPED", "1910", "-5.00", 10));
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void unclosedQuoteRejectsTheLineWithTheReason() {
        SieReadResult result = SieLedgerReader.read("citat.se", sie(
                "#SIETYP 4",
                "#PSALDO 0 202401 5010 {1 \"1010} 10.00"));

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(2);
            assertThat(r.reason()).startsWith("#PSALDO on line 2 cannot be split into fields: a quoted text is not"
                    + " closed");
            assertThat(r.amount()).isNull();
        });
    }

    @Test
    void rowWithoutObjectListIsReadAsBookedOnNoObject() {
        // Some exporters leave out {} entirely; the field after the account is then the amount.
        SieReadResult result = SieLedgerReader.read("utan.se", sie(
                "#SIETYP 4",
                "#VER A 1 20240301",           // 2
                "{",
                "#TRANS 6110 250.00 20240302", // 4
                "#TRANS 1910 -250.00",         // 5
                "}"));

        assertThat(result.entries()).containsExactly(
                actual(202403, "UNMAPPED", "6110", "250.00", 4),
                actual(202403, "UNMAPPED", "1910", "-250.00", 5));
        assertThat(result.warnings()).contains("2 row(s) have no object list {…} (the first on line 4); read as booked"
                + " on no object");
    }

    @Test
    void verificationWithoutABlockOfRowsIsReportedAndAddsNothing() {
        SieReadResult result = SieLedgerReader.read("tom-ver.se", sie(
                "#SIETYP 4",
                "#VER A 1 20240301 \"Makulerad\"",
                "#VER A 2 20240302",
                "{",
                "}"));

        assertThat(result.entries()).isEmpty();
        assertThat(result.warnings()).containsExactly("verification A 1 (#VER on line 2) is not followed by a '{' … '}'"
                + " block of rows; it adds nothing");
    }

    @Test
    void manyWarningsOfOneKindAreCappedWithACount() {
        String[] lines = new String[13];
        lines[0] = "#SIETYP 4";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = "#EGEN" + i;
        }

        SieReadResult result = SieLedgerReader.read("manga.se", sie(lines));

        // 12 distinct unknown labels: the first 10 are listed, then a count of the rest.
        assertThat(result.warnings()).hasSize(11);
        assertThat(result.warnings().get(0)).startsWith("#EGEN1 (line 2) is not a label of SIE 4B");
        assertThat(result.warnings().get(10)).isEqualTo("… and 2 more warning(s) like the 10 above");
    }

    @Test
    void linesAreCountedWithOrWithoutAFinalLineBreak() {
        assertThat(SieLedgerReader.read("a.se", "#SIETYP 4\r\n#FLAGGA 0".getBytes()).linesRead()).isEqualTo(2);
        assertThat(SieLedgerReader.read("b.se", "#SIETYP 4\r\n#FLAGGA 0\r\n".getBytes()).linesRead()).isEqualTo(2);
        assertThat(SieLedgerReader.read("c.se", "\n\n#SIETYP 4\n".getBytes()).linesRead()).isEqualTo(3);
    }

    @Test
    void emptyFileAndNonSieFileAreRefusedWhole() {
        assertThatThrownBy(() -> SieLedgerReader.read("tom.se", new byte[0]))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessage("tom.se is empty; an SIE file starts with #FLAGGA and #FORMAT");
        assertThatThrownBy(() -> SieLedgerReader.read("fel.se", sie("period;konto;belopp", "202401;5010;10,00")))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessage("fel.se is not an SIE file: none of its 2 line(s) is an SIE record (a line starting with #,"
                        + " e.g. #FLAGGA 0)");
    }

    @Test
    void fileCutOffBeforeItsClosingChecksumIsRefusedWhole() {
        // SIE 4B §10.6: an opening #KSUMMA without the closing one means the file was cut short.
        byte[] cutOff = sie("#FLAGGA 0", "#KSUMMA", "#SIETYP 4", "#PSALDO 0 202401 5010 {} 10.00");
        byte[] whole = sie("#FLAGGA 0", "#KSUMMA", "#SIETYP 4", "#PSALDO 0 202401 5010 {} 10.00", "#KSUMMA 1234567890");

        assertThatThrownBy(() -> SieLedgerReader.read("ksumma.se", cutOff))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("announces a checksum (#KSUMMA on line 2) but has no closing #KSUMMA");
        assertThat(SieLedgerReader.read("ksumma.se", whole).entries()).hasSize(1);
    }

    @Test
    void linesThatAreNotRecordsAreIgnoredWithAWarning() {
        SieReadResult result = SieLedgerReader.read("rader.se", sie(
                "#SIETYP 4",
                "Exporterad 2024-02-01",
                "#PSALDO 0 202401 5010 {1 \"1010\"} 10.00"));

        assertThat(result.entries()).hasSize(1);
        assertThat(result.warnings()).contains("1 line(s) are not SIE records (a record starts with #), the first on"
                + " line 2; ignored");
    }

    @Test
    void resultSurvivesJavaSerialisationAndReadingTwiceGivesTheSame() throws Exception {
        byte[] file = sie("#SIETYP 4", "#PSALDO 0 202401 5010 {1 \"1010\"} 10.00", "#PSALDO 0 202401 5010 {1} 1.00");
        SieReadResult result = SieLedgerReader.read("s.se", file);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isEqualTo(result);
        assertThat(SieLedgerReader.read("s.se", file)).isEqualTo(result);
    }
}
