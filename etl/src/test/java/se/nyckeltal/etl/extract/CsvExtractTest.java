package se.nyckeltal.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.ExtractLine.Kind;
import se.nyckeltal.etl.testing.Landing;

/**
 * The rules every CSV source shares, one line at a time and without Spark, shown with the made-up
 * {@link Visits} source: header, encoding and delimiter from the start of the file, then physical
 * line numbers, blank lines and the line-level reasons a controller reads in the quarantine.
 */
class CsvExtractTest {
    private static final String HEADER = "period;unit;scenario;volume";
    private Landing landing;

    @BeforeEach
    void folders(@TempDir Path dir) {
        landing = new Landing(dir.resolve("landing"));
    }

    @Test
    void theHeaderLineGivesNothingAndTheNextLineIsLineTwo() {
        CsvExtract csv = open(HEADER + "\n202403;VC Åby;;12,5\n");

        assertThat(read(csv, HEADER, 0)).isNull();
        assertThat(read(csv, "202403;VC Åby;;12,5", 1))
                .isEqualTo(ExtractLine.valid(2, "ACTUAL", 202403, new BigDecimal("12.5"), "VC Åby"));
    }

    @Test
    void blankLinesAboveTheHeaderAreBlankLinesAndCountInTheLineNumbers() {
        CsvExtract csv = open("\n;;\n" + HEADER + "\n202403;1;;3\n");

        assertThat(csv.read(new byte[0], 0)).isEqualTo(ExtractLine.blank(1));
        assertThat(read(csv, ";;", 1)).isEqualTo(ExtractLine.blank(2));
        assertThat(read(csv, HEADER, 2)).isNull();
        assertThat(read(csv, "202403;1;;3", 3).lineNumber()).isEqualTo(4);
    }

    @Test
    void blankRecordsAreBlankNotRejected() {
        CsvExtract csv = open(HEADER + "\n");

        assertThat(read(csv, ";;;", 3).kind()).isEqualTo(Kind.BLANK);
        assertThat(read(csv, "   ", 4).kind()).isEqualTo(Kind.BLANK);
        assertThat(read(csv, "", 5).kind()).isEqualTo(Kind.BLANK);
    }

    @Test
    void wrongFieldCountSaysHowToFixIt() {
        ExtractLine rejected = read(open(HEADER + "\n"), "202403;1100;;1,00;extra", 1);

        assertThat(rejected.kind()).isEqualTo(Kind.REJECTED);
        assertThat(rejected.reason()).contains("5 fields but the header has 4", "semicolon");
        assertThat(rejected.measure()).isNull();
        assertThat(rejected.rawLine()).isEqualTo("202403;1100;;1,00;extra");
    }

    @Test
    void unclosedQuoteIsRejected() {
        assertThat(read(open(HEADER + "\n"), "202403;\"1100;;1,00", 1).reason()).contains("quoted field is not closed");
    }

    @Test
    void undecodableBytesRejectTheLineWithAReadableRawLine() {
        CsvExtract csv = open(landing.write("production/a.csv", HEADER + "\n202403;Å;;1\n", Landing.WINDOWS_1252));
        byte[] bad = {'2', '0', '2', '4', '0', '3', ';', 'X', (byte) 0x81, ';', ';', '2', '\r'};

        ExtractLine rejected = csv.read(bad, 2);

        assertThat(csv.encoding()).isEqualTo("windows-1252");
        assertThat(rejected.lineNumber()).isEqualTo(3);
        assertThat(rejected.reason()).contains("not readable text", "Windows-1252");
        assertThat(rejected.rawLine()).startsWith("202403;X").endsWith(";;2");
        assertThat(rejected.measure()).isNull();
    }

    @Test
    void theSourcesParserSeesOnlyLinesThatPassTheSharedRules() {
        ExtractLine rejected = read(open(HEADER + "\n"), "202413; ;BUDGET;1,23456", 1);

        // Every problem in one reason, in the parser's order.
        assertThat(rejected.reason()).startsWith("volume has more than 4 decimals; period '202413' is not a period")
                .endsWith("; unit is empty");
        assertThat(rejected.lineNumber()).isEqualTo(2);
        assertThat(rejected.rawLine()).isEqualTo("202413; ;BUDGET;1,23456");
        assertThat(rejected.measure()).isEqualTo(new BigDecimal("1.23456"));
    }

    // --- the header -----------------------------------------------------------------------------

    @Test
    void headerAliasesDelimiterAndByteOrderMarkAreFoundFromTheHeader() {
        CsvExtract csv = CsvExtract.open(landing.writeWithBom("production/a.csv", "Period\tEnhet\tAntal\n202403\tA\t1\n"),
                Visits.CONTRACT, Visits.Parser::new);

        assertThat(csv.encoding()).isEqualTo("UTF-8");
        assertThat(csv.delimiter()).isEqualTo("tab");
        assertThat(csv.read("202403\tA\t1".getBytes(StandardCharsets.UTF_8), 1))
                .isEqualTo(ExtractLine.valid(2, "ACTUAL", 202403, BigDecimal.ONE, "A"));
    }

    @Test
    void headerWithoutARequiredColumnRefusesTheFile() {
        LandingFile file = landing.write("production/a.csv", "period,enhet\n202403,A\n");

        assertThatThrownBy(() -> CsvExtract.open(file, Visits.CONTRACT, Visits.Parser::new))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.getMessage()).contains("volume (or antal)");
                    assertThat(e.delimiter()).isEqualTo("comma");
                    assertThat(e.encoding()).isEqualTo("ASCII");
                });
    }

    @Test
    void emptyFileIsRefusedWithTheExpectedHeader() {
        LandingFile file = landing.write("production/empty.csv", "\n\n");

        assertThatThrownBy(() -> CsvExtract.open(file, Visits.CONTRACT, Visits.Parser::new))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("empty")
                .hasMessageContaining("header row (period;unit;scenario;volume)");
    }

    private CsvExtract open(String text) {
        return open(landing.write("production/a.csv", text));
    }

    private static CsvExtract open(LandingFile file) {
        return CsvExtract.open(file, Visits.CONTRACT, Visits.Parser::new);
    }

    private static ExtractLine read(CsvExtract csv, String text, long index) {
        return csv.read(text.getBytes(StandardCharsets.UTF_8), index);
    }
}
