package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.schemas.text.TextTable.Row;

class TextTableTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void crlfFileSplitsIntoRowsWithoutCarriageReturns() {
        TextTable table = read("period;kst;belopp\r\n202403;1010;-1234,50\r\n202403;1020;99\r\n");

        assertThat(table.header()).containsExactly("period", "kst", "belopp");
        assertThat(table.rows()).extracting(Row::fields)
                .containsExactly(List.of("202403", "1010", "-1234,50"), List.of("202403", "1020", "99"));
        assertThat(table.rows()).extracting(Row::lineNumber).containsExactly(2L, 3L);
        assertThat(table.rows().get(0).raw()).isEqualTo("202403;1010;-1234,50");
    }

    @Test
    void loneLineFeedFileSplitsIntoRows() {
        TextTable table = read("period;kst\n202403;1010\n202404;1020");

        assertThat(table.rows()).extracting(Row::fields)
                .containsExactly(List.of("202403", "1010"), List.of("202404", "1020"));
        assertThat(table.rows()).extracting(Row::lineNumber).containsExactly(2L, 3L);
    }

    @Test
    void loneCarriageReturnFileSplitsIntoRows() {
        TextTable table = read("period;kst\r202403;1010\r");

        assertThat(table.rows()).extracting(Row::fields).containsExactly(List.of("202403", "1010"));
    }

    @Test
    void blankLinesAreSkippedButStillCountedForLineNumbers() {
        // line 1 header, 2 data, 3 empty, 4 separators only, 5 a space, 6 data
        TextTable table = read("period;kst\r\n202403;1010\r\n\r\n;;\r\n \r\n202403;1020\r\n");

        assertThat(table.rows()).extracting(Row::lineNumber).containsExactly(2L, 6L);
        assertThat(table.rows().get(1).fields()).containsExactly("202403", "1020");
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedAndCounted() {
        TextTable table = read("\n\nperiod;kst\n202403;1010\n");

        assertThat(table.header()).containsExactly("period", "kst");
        assertThat(table.rows()).extracting(Row::lineNumber).containsExactly(4L);
    }

    @Test
    void windows1252FileDecodesSwedishLetters() {
        TextTable table = TextTable.read("org_units.csv", "unit_id;unit_name\n2040;Vårdcentral Öster\n".getBytes(WINDOWS_1252));

        assertThat(table.encoding()).isEqualTo(TextEncoding.WINDOWS_1252);
        assertThat(table.rows().get(0).fields()).containsExactly("2040", "Vårdcentral Öster");
    }

    @Test
    void utf8FileWithByteOrderMarkHasACleanFirstHeaderCell() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.writeBytes("period;enhet\r\n202403;Vårdcentral Öster\r\n".getBytes(StandardCharsets.UTF_8));

        TextTable table = TextTable.read("p.csv", file.toByteArray());

        assertThat(table.encoding()).isEqualTo(TextEncoding.UTF8);
        assertThat(table.header()).containsExactly("period", "enhet");
        assertThat(table.rows().get(0).fields()).containsExactly("202403", "Vårdcentral Öster");
    }

    @Test
    void utf8FileWithOneWindows1252LineNamesThatLine() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("unit_id;unit_name\n2010;Vårdcentral Centrum\n2030;Vårdcentral Söder\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes("2040;Vårdcentral Öster\n".getBytes(WINDOWS_1252)); // line 4

        assertThatThrownBy(() -> TextTable.read("org_units.csv", file.toByteArray()))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("org_units.csv line 4: ")
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void delimiterIsDetectedFromTheHeader() {
        TextTable table = read("period\tkst\n202403\t1010\n");

        assertThat(table.delimiter()).isEqualTo(Delimiter.TAB);
        assertThat(table.rows().get(0).fields()).containsExactly("202403", "1010");
    }

    @Test
    void commaDelimitedFileKeepsQuotedDecimalCommas() {
        TextTable table = read("period,belopp\n202403,\"-1234,50\"\n");

        assertThat(table.delimiter()).isEqualTo(Delimiter.COMMA);
        assertThat(table.rows().get(0).fields()).containsExactly("202403", "-1234,50");
    }

    @Test
    void malformedRowNamesFileAndLine() {
        assertThatThrownBy(() -> read("a;b\n1;2\n\n\"open;3\n"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("t.csv line 4: ")
                .hasMessageContaining("not closed");
    }

    @Test
    void fileWithoutAHeaderIsRefused() {
        assertThatThrownBy(() -> read("\r\n  \n"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("t.csv is empty: it needs a header row");
        assertThatThrownBy(() -> TextTable.read("t.csv", new byte[0]))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("needs a header row");
    }

    @Test
    void headerOnlyFileHasNoRows() {
        TextTable table = read("period;kst\n");

        assertThat(table.rows()).isEmpty();
        assertThat(table.fileName()).isEqualTo("t.csv");
    }

    private static TextTable read(String content) {
        return TextTable.read("t.csv", content.getBytes(StandardCharsets.UTF_8));
    }
}
