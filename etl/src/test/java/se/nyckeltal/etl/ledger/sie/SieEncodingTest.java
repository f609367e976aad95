package se.nyckeltal.etl.ledger.sie;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.actual;
import static se.nyckeltal.etl.ledger.sie.SieTestFiles.sie;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SIE says CP437 (#FORMAT PC8); real files are also Windows-1252 or UTF-8 under that label. The bytes decide. */
class SieEncodingTest {
    private static final Charset CP437 = Charset.forName("IBM437");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    // Ö, ö and ä six times: 0x99/0x94/0x84 in CP437, 0xD6/0xF6/0xE4 in Windows-1252, two bytes each in UTF-8.
    private static final String[] REGION_FILE = {
        "#FLAGGA 0",                                    // 1
        "#FORMAT PC8",                                  // 2
        "#SIETYP 4",                                    // 3
        "#FNAMN \"Region Östergötland\"",               // 4
        "#OBJEKT 1 \"ÖNH1\" \"Öron-näsa-hals\"",        // 5
        "#PSALDO 0 202401 5010 {1 \"ÖNH1\"} 100.00",    // 6
    };

    @Test
    void cp437FileThatSaysPc8IsReadAsCp437() {
        SieReadResult result = SieLedgerReader.read("pc8.se", sie(CP437, "\r\n", REGION_FILE));

        assertThat(result.encoding()).isEqualTo("CP437");
        assertThat(result.entries()).containsExactly(actual(202401, "ÖNH1", "5010", "100.00", 6));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void windows1252FileThatFalselySaysPc8IsReadAsWindows1252WithAWarning() {
        SieReadResult result = SieLedgerReader.read("ljuger.se", sie(WINDOWS_1252, "\r\n", REGION_FILE));

        assertThat(result.encoding()).isEqualTo("WINDOWS-1252");
        assertThat(result.entries()).containsExactly(actual(202401, "ÖNH1", "5010", "100.00", 6));
        assertThat(result.warnings()).containsExactly("the file says #FORMAT PC8 (CP437) but 6 byte(s) read as å, ä, ö"
                + " or é in Windows-1252 against 0 in CP437; read as WINDOWS-1252");
    }

    @Test
    void utf8FileIsReadAsUtf8() {
        SieReadResult result = SieLedgerReader.read("utf8.se", sie(StandardCharsets.UTF_8, "\n", REGION_FILE));

        assertThat(result.encoding()).isEqualTo("UTF-8");
        assertThat(result.entries()).containsExactly(actual(202401, "ÖNH1", "5010", "100.00", 6));
        assertThat(result.warnings()).containsExactly("the file says #FORMAT PC8 (CP437) but all its non-ASCII bytes"
                + " are valid UTF-8; read as UTF-8");
    }

    @Test
    void byteOrderMarkMeansUtf8AndIsNotPartOfTheFirstLabel() {
        byte[] body = sie(StandardCharsets.UTF_8, "\n", "#FLAGGA 0", "#SIETYP 4", "#PSALDO 0 202401 5010 {} 1.00");
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        SieReadResult result = SieLedgerReader.read("bom.se", withBom);

        assertThat(result.encoding()).isEqualTo("UTF-8");
        assertThat(result.warnings()).noneMatch(w -> w.contains("FLAGGA"));
        assertThat(result.entries()).hasSize(1);
    }

    @Test
    void asciiOnlyFileIsReportedAsWhatItDeclares() {
        assertThat(SieLedgerReader.read("ascii.se", sie("#FORMAT PC8", "#SIETYP 4")).encoding()).isEqualTo("CP437");
        assertThat(SieLedgerReader.read("ascii.se", sie("#SIETYP 4")).encoding()).isEqualTo("CP437");
    }

    @Test
    void highBytesThatAreNoSwedishLetterInEitherCodePageFallBackToTheLabelWithAWarning() {
        // 0xB0 is a shade block in CP437 and a degree sign in Windows-1252: no evidence either way.
        byte[] content = {'#', 'F', 'O', 'R', 'M', 'A', 'T', ' ', 'P', 'C', '8', '\n', '#', 'P', 'R', 'O', 'S', 'A',
            ' ', (byte) 0xB0, '\n'};

        SieEncoding.Detection detection = SieEncoding.detect(content);

        assertThat(detection.encoding()).isEqualTo(SieEncoding.CP437);
        assertThat(detection.warnings()).singleElement().asString().contains("do not tell CP437 from Windows-1252");
    }

    @Test
    void mostlyUtf8FileWithAStrayByteIsReadAsUtf8WithAWarning() {
        byte[] utf8 = "#FNAMN \"Region Östergötland Ö\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, content, 0, utf8.length);
        content[utf8.length] = (byte) 0xE5; // a Windows-1252 å
        content[utf8.length + 1] = '\n';

        SieEncoding.Detection detection = SieEncoding.detect(content);

        // 3 valid UTF-8 letters against 1 Windows-1252 letter.
        assertThat(detection.encoding()).isEqualTo(SieEncoding.UTF_8);
        assertThat(detection.warnings()).anySatisfy(w -> assertThat(w).contains("1 byte(s) are not valid UTF-8"));
    }
}
