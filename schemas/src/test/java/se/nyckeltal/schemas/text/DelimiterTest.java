package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §3: delimiter ';', also ',' and tab, detected from the header. */
class DelimiterTest {

    @Test
    void semicolonHeaderIsSemicolonDelimited() {
        assertThat(Delimiter.detect("period;cost_center;account;amount")).isEqualTo(Delimiter.SEMICOLON);
    }

    @Test
    void tabHeaderIsTabDelimited() {
        assertThat(Delimiter.detect("period\tcost_center\taccount\tamount")).isEqualTo(Delimiter.TAB);
    }

    @Test
    void commaHeaderIsCommaDelimited() {
        assertThat(Delimiter.detect("period,cost_center,account,amount")).isEqualTo(Delimiter.COMMA);
    }

    @Test
    void delimitersInsideQuotesAreNotCounted() {
        // Three commas inside quotes, two semicolons outside.
        assertThat(Delimiter.detect("\"Belopp, kr, inkl, moms\";period;konto")).isEqualTo(Delimiter.SEMICOLON);
        // Two semicolons inside quotes, one comma outside.
        assertThat(Delimiter.detect("\"a;b;c\",period")).isEqualTo(Delimiter.COMMA);
    }

    @Test
    void doubledQuotesInsideAQuotedHeaderKeepTheQuoteState() {
        // "say ""x"", y" is one quoted cell: its comma does not count.
        assertThat(Delimiter.detect("\"say \"\"x\"\", y\";period")).isEqualTo(Delimiter.SEMICOLON);
    }

    @Test
    void tieBetweenSemicolonAndCommaGoesToSemicolon() {
        assertThat(Delimiter.detect("period;kst,konto")).isEqualTo(Delimiter.SEMICOLON);
    }

    @Test
    void tieBetweenSemicolonAndTabGoesToSemicolon() {
        assertThat(Delimiter.detect("period;kst\tkonto")).isEqualTo(Delimiter.SEMICOLON);
    }

    @Test
    void tieBetweenTabAndCommaGoesToTab() {
        assertThat(Delimiter.detect("period\tkst,konto")).isEqualTo(Delimiter.TAB);
    }

    @Test
    void headerWithoutAnySeparatorIsOneSemicolonColumn() {
        assertThat(Delimiter.detect("period")).isEqualTo(Delimiter.SEMICOLON);
    }

    @Test
    void delimiterKnowsItsCharacterAndLabel() {
        assertThat(Delimiter.SEMICOLON.character()).isEqualTo(';');
        assertThat(Delimiter.TAB.character()).isEqualTo('\t');
        assertThat(Delimiter.COMMA.character()).isEqualTo(',');
        assertThat(Delimiter.TAB.label()).isEqualTo("tab");
    }
}
