package se.nyckeltal.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.nyckeltal.schemas.contract.ColumnSpec;
import se.nyckeltal.schemas.contract.LedgerContract;
import se.nyckeltal.schemas.text.HeaderMatcher.ColumnMapping;

/** SPEC §3: headers match case-insensitively by canonical name or Swedish alias. */
class HeaderMatcherTest {
    private static final List<ColumnSpec> LEDGER = LedgerContract.COLUMNS;

    @Test
    void canonicalHeaderMapsEveryColumnToItsPosition() {
        ColumnMapping mapping = HeaderMatcher.match(
                List.of("period", "cost_center", "account", "activity", "counterpart", "scenario", "amount"), LEDGER);

        assertThat(mapping.indexOf(LedgerContract.PERIOD)).isZero();
        assertThat(mapping.indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
        assertThat(mapping.indexOf(LedgerContract.AMOUNT)).isEqualTo(6);
        assertThat(mapping.fieldCount()).isEqualTo(7);
    }

    @Test
    void swedishAliasesMatchInAnyCaseAndOrder() {
        ColumnMapping mapping = HeaderMatcher.match(List.of("Belopp", "KONTO", "Kostnadsställe", "Typ", "Period"), LEDGER);

        assertThat(mapping.indexOf(LedgerContract.AMOUNT)).isZero();
        assertThat(mapping.indexOf(LedgerContract.ACCOUNT)).isEqualTo(1);
        assertThat(mapping.indexOf(LedgerContract.COST_CENTER)).isEqualTo(2);
        assertThat(mapping.indexOf(LedgerContract.SCENARIO)).isEqualTo(3);
        assertThat(mapping.indexOf(LedgerContract.PERIOD)).isEqualTo(4);
    }

    @Test
    void kstIsACostCentre() {
        assertThat(HeaderMatcher.match(List.of("period", "KST", "konto", "belopp"), LEDGER).indexOf(LedgerContract.COST_CENTER))
                .isEqualTo(1);
    }

    @Test
    void ansvarIsACostCentre() {
        assertThat(HeaderMatcher.match(List.of("period", "Ansvar", "konto", "belopp"), LEDGER).indexOf(LedgerContract.COST_CENTER))
                .isEqualTo(1);
    }

    @Test
    void upperCaseSwedishLettersMatchLowerCaseAliases() {
        assertThat(HeaderMatcher.match(List.of("PERIOD", "KOSTNADSSTÄLLE", "KONTO", "BELOPP"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void decomposedSwedishLettersMatchLikeComposedOnes() {
        // "ä" as a + U+0308, as some macOS tools write it.
        String decomposed = Normalizer.normalize("Kostnadsställe", Normalizer.Form.NFD);

        assertThat(HeaderMatcher.match(List.of("period", decomposed, "konto", "belopp"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void spaceCountsAsAnUnderscore() {
        assertThat(HeaderMatcher.match(List.of("Period", "Cost Center", "Account", "Amount"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void hyphenCountsAsAnUnderscore() {
        assertThat(HeaderMatcher.match(List.of("Period", "cost-center", "Account", "Amount"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void runsOfSpacesAndHyphensCountAsOneUnderscore() {
        assertThat(HeaderMatcher.match(List.of("Period", "Cost - Center", "Account", "Amount"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void noBreakSpaceCountsAsAnUnderscore() {
        assertThat(HeaderMatcher.match(List.of("period", "cost\u00A0center", "account", "amount"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void surroundingWhiteSpaceAndQuotesAreIgnored() {
        assertThat(HeaderMatcher.match(List.of(" period ", "\"kst\"", "konto", "belopp"), LEDGER)
                .indexOf(LedgerContract.COST_CENTER)).isEqualTo(1);
    }

    @Test
    void strayByteOrderMarkOnTheFirstCellDoesNotHideIt() {
        assertThat(HeaderMatcher.match(List.of("\uFEFFperiod", "kst", "konto", "belopp"), LEDGER)
                .indexOf(LedgerContract.PERIOD)).isZero();
    }

    @Test
    void absentOptionalColumnsHaveIndexMinusOne() {
        ColumnMapping mapping = HeaderMatcher.match(List.of("period", "kst", "konto", "belopp"), LEDGER);

        assertThat(mapping.indexOf(LedgerContract.ACTIVITY)).isEqualTo(-1);
        assertThat(mapping.indexOf(LedgerContract.COUNTERPART)).isEqualTo(-1);
        assertThat(mapping.indexOf(LedgerContract.SCENARIO)).isEqualTo(-1);
        assertThat(mapping.has(LedgerContract.SCENARIO)).isFalse();
        assertThat(mapping.has(LedgerContract.AMOUNT)).isTrue();
    }

    @Test
    void unknownExtraColumnsAreIgnored() {
        ColumnMapping mapping = HeaderMatcher.match(List.of("period", "kst", "kommentar", "konto", "belopp"), LEDGER);

        assertThat(mapping.indexOf(LedgerContract.ACCOUNT)).isEqualTo(3);
        assertThat(mapping.fieldCount()).isEqualTo(5);
    }

    @Test
    void missingRequiredColumnIsNamedWithItsAliasesAndTheHeaderFound() {
        assertThatThrownBy(() -> HeaderMatcher.match(List.of("period", "konto", "belopp"), LEDGER))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("lacks required column cost_center (or kostnadsställe/kst/ansvar)")
                .hasMessageContaining("found [period, konto, belopp]");
    }

    @Test
    void everyMissingRequiredColumnIsListed() {
        assertThatThrownBy(() -> HeaderMatcher.match(List.of("datum", "kst"), LEDGER))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("lacks required columns period, account (or konto), amount (or belopp)")
                .hasMessageContaining("found [datum, kst]");
    }

    @Test
    void twoColumnsForTheSameFieldAreRefused() {
        assertThatThrownBy(() -> HeaderMatcher.match(List.of("period", "kst", "ansvar", "konto", "belopp"), LEDGER))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("two columns for cost_center ('kst' and 'ansvar')");
    }

    @Test
    void indexOfAColumnOutsideTheContractIsAProgrammingError() {
        ColumnMapping mapping = HeaderMatcher.match(List.of("period", "kst", "konto", "belopp"), LEDGER);

        assertThatThrownBy(() -> mapping.indexOf(ColumnSpec.required("hours")))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("hours");
    }

    @Test
    void mappingsWithTheSameColumnsAndPositionsAreEqual() {
        ColumnMapping a = HeaderMatcher.match(List.of("period", "kst", "konto", "belopp"), LEDGER);
        ColumnMapping b = HeaderMatcher.match(List.of("Period", "KST", "Konto", "Belopp"), LEDGER);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }
}
