package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvLineSplitterTest {

    @Test
    void plainFieldsSplitOnTheDelimiter() {
        assertThat(CsvLineSplitter.split("202403;1010;4010;-1234,50", ';'))
                .containsExactly("202403", "1010", "4010", "-1234,50");
    }

    @Test
    void quotedFieldMayHoldTheDelimiter() {
        assertThat(CsvLineSplitter.split("1010;\"Akut; mottagning\";x", ';'))
                .containsExactly("1010", "Akut; mottagning", "x");
    }

    @Test
    void doubledQuoteInsideAQuotedFieldIsOneQuote() {
        assertThat(CsvLineSplitter.split("\"Enhet \"\"Norr\"\"\";2", ';'))
                .containsExactly("Enhet \"Norr\"", "2");
    }

    @Test
    void quotedEmptyFieldIsEmpty() {
        assertThat(CsvLineSplitter.split("a;\"\";b", ';')).containsExactly("a", "", "b");
    }

    @Test
    void whiteSpaceAroundUnquotedFieldsIsDropped() {
        assertThat(CsvLineSplitter.split("  202403 ;\t1010\t; 4010", ';')).containsExactly("202403", "1010", "4010");
    }

    @Test
    void noBreakSpaceAroundUnquotedFieldsIsDroppedOnBothSides() {
        assertThat(CsvLineSplitter.split("\u00A0-1 234,50\u00A0;\u202Fx\u202F", ';')).containsExactly("-1 234,50", "x");
    }

    @Test
    void whiteSpaceInsideAnUnquotedFieldIsKept() {
        assertThat(CsvLineSplitter.split("Vårdcentral  Öster;1 234", ';')).containsExactly("Vårdcentral  Öster", "1 234");
    }

    @Test
    void whiteSpaceInsideQuotesIsKept() {
        assertThat(CsvLineSplitter.split(" \"  padded \" ;b", ';')).containsExactly("  padded ", "b");
    }

    @Test
    void trailingDelimiterMeansAnEmptyLastField() {
        assertThat(CsvLineSplitter.split("a;b;", ';')).containsExactly("a", "b", "");
    }

    @Test
    void trailingDelimiterAfterAQuotedFieldMeansAnEmptyLastField() {
        assertThat(CsvLineSplitter.split("\"a\";", ';')).containsExactly("a", "");
    }

    @Test
    void onlyDelimitersAreEmptyFields() {
        assertThat(CsvLineSplitter.split(";;;", ';')).containsExactly("", "", "", "");
    }

    @Test
    void emptyLineIsOneEmptyField() {
        assertThat(CsvLineSplitter.split("", ';')).containsExactly("");
    }

    @Test
    void unclosedQuoteIsAFormatError() {
        assertThatThrownBy(() -> CsvLineSplitter.split("1010;\"Akutmottagning;4010", ';'))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("quoted field is not closed");
    }

    @Test
    void textAfterAClosingQuoteIsAFormatError() {
        assertThatThrownBy(() -> CsvLineSplitter.split("1010;\"Akut\"mottagning;4010", ';'))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("text after a closing quote in field 2");
    }

    @Test
    void blanksAfterAClosingQuoteAreAllowed() {
        assertThat(CsvLineSplitter.split("\"a\"  ;b", ';')).containsExactly("a", "b");
    }

    @Test
    void quoteInsideAnUnquotedFieldIsKeptAsText() {
        assertThat(CsvLineSplitter.split("12\" skärm;b", ';')).containsExactly("12\" skärm", "b");
    }

    @Test
    void tabDelimiterKeepsEmptyFields() {
        // The tab is the delimiter here, so it must not be skipped as white space.
        assertThat(CsvLineSplitter.split("202403\t\t4010\t", '\t')).containsExactly("202403", "", "4010", "");
    }

    @Test
    void tabDelimiterWithLeadingEmptyField() {
        assertThat(CsvLineSplitter.split("\ta", '\t')).containsExactly("", "a");
    }

    @Test
    void tabDelimiterStillTrimsSpaces() {
        assertThat(CsvLineSplitter.split(" a \t b ", '\t')).containsExactly("a", "b");
    }

    @Test
    void commaDelimiterSplitsOnCommasOutsideQuotes() {
        assertThat(CsvLineSplitter.split("202403,1010,\"-1234,50\"", ',')).containsExactly("202403", "1010", "-1234,50");
    }

    @Test
    void lineOfOnlySeparatorsIsABlankRecord() {
        assertThat(CsvLineSplitter.isBlankRecord(";;;", ';')).isTrue();
        assertThat(CsvLineSplitter.isBlankRecord(" ; ;\u00A0", ';')).isTrue();
        assertThat(CsvLineSplitter.isBlankRecord("\"\";\"\"", ';')).isTrue();
        assertThat(CsvLineSplitter.isBlankRecord("", ';')).isTrue();
        assertThat(CsvLineSplitter.isBlankRecord("\t\t", '\t')).isTrue();
    }

    @Test
    void lineWithAnyValueIsNotABlankRecord() {
        assertThat(CsvLineSplitter.isBlankRecord(";;0;", ';')).isFalse();
        assertThat(CsvLineSplitter.isBlankRecord(",,", ';')).isFalse();
    }
}
