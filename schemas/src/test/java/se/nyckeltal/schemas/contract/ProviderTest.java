package se.nyckeltal.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderTest {
    @Test
    void emptyProviderIsOwnProduction() {
        assertThat(Provider.parse("")).isEqualTo(Provider.OWN);
        assertThat(Provider.parse(null)).isEqualTo(Provider.OWN);
    }

    @Test
    void codesAndSwedishAliasesInAnyCaseAndSpacing() {
        assertThat(Provider.parse("private_primary_care")).isEqualTo(Provider.PRIVATE_PRIMARY_CARE);
        assertThat(Provider.parse("Egen")).isEqualTo(Provider.OWN);
        assertThat(Provider.parse("REGIONDRIVEN")).isEqualTo(Provider.REGION_PRIMARY_CARE);
        assertThat(Provider.parse("Privat vårdcentral")).isEqualTo(Provider.PRIVATE_PRIMARY_CARE);
        assertThat(Provider.parse("privat_vårdcentral")).isEqualTo(Provider.PRIVATE_PRIMARY_CARE);
        assertThat(Provider.parse(" PRIVAT  VÅRDGIVARE ")).isEqualTo(Provider.PRIVATE_PROVIDER);
    }

    @Test
    void unknownProviderSaysWhatIsAllowed() {
        assertThatThrownBy(() -> Provider.parse("kommunal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown provider 'kommunal'")
                .hasMessageContaining("privat vårdcentral");
    }
}
