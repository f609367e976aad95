package se.nyckeltal.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §3 ledger CSV columns and their Swedish aliases. */
class LedgerContractTest {

    @Test
    void columnsComeInTheCanonicalExportOrder() {
        assertThat(LedgerContract.COLUMNS).extracting(ColumnSpec::canonical)
                .containsExactly("period", "cost_center", "account", "activity", "counterpart", "scenario", "amount",
                        "forecast_made");
    }

    @Test
    void periodCostCentreAccountAndAmountAreRequired() {
        assertThat(LedgerContract.COLUMNS).filteredOn(ColumnSpec::required).extracting(ColumnSpec::canonical)
                .containsExactly("period", "cost_center", "account", "amount");
    }

    @Test
    void swedishAliasesAreThoseOfTheSpec() {
        assertThat(LedgerContract.COST_CENTER.aliases()).containsExactly("kostnadsställe", "kst", "ansvar");
        assertThat(LedgerContract.ACCOUNT.aliases()).containsExactly("konto");
        assertThat(LedgerContract.ACTIVITY.aliases()).containsExactly("verksamhet");
        assertThat(LedgerContract.COUNTERPART.aliases()).containsExactly("motpart");
        assertThat(LedgerContract.SCENARIO.aliases()).containsExactly("typ");
        assertThat(LedgerContract.AMOUNT.aliases()).containsExactly("belopp");
        assertThat(LedgerContract.FORECAST_MADE.aliases()).containsExactly("prognosmånad");
    }

    @Test
    void sieFilesAreRecognisedBySuffix() {
        assertThat(LedgerContract.SIE_SUFFIXES).containsExactly(".se", ".si", ".sie");
    }
}
