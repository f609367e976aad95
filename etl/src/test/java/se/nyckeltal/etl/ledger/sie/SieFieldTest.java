package se.nyckeltal.etl.ledger.sie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.schemas.text.ExtractFormatException;

/** SIE 4B §5.7: fields split on spaces and tabs, quoted when they hold spaces, \" for a quote inside. */
class SieFieldTest {

    @Test
    void quotedFieldKeepsItsSpacesAndUnescapesQuotes() {
        assertThat(SieField.split(" 1 \"1010\"  \"Akuten \\\"Syd\\\" vuxen\"")).containsExactly(
                SieField.text("1"), SieField.text("1010"), SieField.text("Akuten \"Syd\" vuxen"));
    }

    @Test
    void objectListHoldsQuotedAndUnquotedItems() {
        assertThat(SieField.split("5010 {1 \"Kirurgi 2 {ny}\" 6 P12} 100.00")).containsExactly(
                SieField.text("5010"), SieField.objectList(List.of("1", "Kirurgi 2 {ny}", "6", "P12")),
                SieField.text("100.00"));
    }

    @Test
    void emptyObjectListMayHoldSpaces() {
        assertThat(SieField.split("{} { }\t{\t}")).containsExactly(
                SieField.objectList(List.of()), SieField.objectList(List.of()), SieField.objectList(List.of()));
    }

    @Test
    void tabsSeparateFieldsAndEmptyQuotesAreAnEmptyField() {
        assertThat(SieField.split("1910\t{}\t-30.00\t\"\"\t\"\"")).containsExactly(SieField.text("1910"),
                SieField.objectList(List.of()), SieField.text("-30.00"), SieField.text(""), SieField.text(""));
    }

    @Test
    void backslashBeforeOtherCharactersIsKept() {
        assertThat(SieField.split("\"C:\\SIE\\export\"")).containsExactly(SieField.text("C:\\SIE\\export"));
    }

    @Test
    void unclosedQuoteOrObjectListIsAnError() {
        assertThatThrownBy(() -> SieField.split("1 \"Akuten")).isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("a quoted text is not closed");
        assertThatThrownBy(() -> SieField.split("5010 {1 \"1010\" 100.00")).isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("an object list is not closed");
    }

    @Test
    void objectListReadsDimensionOneAsCostCentreAndDropsEmptyObjects() {
        ObjectList objects = ObjectList.parse(List.of("6", "P12", "1", "1010", "7", ""));

        assertThat(objects.costCenter()).isEqualTo("1010");
        assertThat(objects.dimensions()).containsExactly(1, 6);
        assertThat(objects).hasToString("{1 \"1010\" 6 \"P12\"}");
    }

    @Test
    void objectListNamingADimensionTwiceIsAnError() {
        assertThatThrownBy(() -> ObjectList.parse(List.of("1", "1010", "1", "1020")))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("names dimension 1 twice");
    }
}
