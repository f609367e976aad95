package se.nyckeltal.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgeBandTest {
    @Test
    void theFormsOfListingSystemsAndRateTablesReadAsOneCanonicalBand() {
        assertThat(AgeBand.parse("0-4")).hasToString("0-4");
        assertThat(AgeBand.parse("0-04")).hasToString("0-4");
        assertThat(AgeBand.parse(" 85 – 89 ")).hasToString("85-89");
        assertThat(AgeBand.parse("100-")).hasToString("100-");
        assertThat(AgeBand.parse("100+")).hasToString("100-");
        assertThat(AgeBand.parse(">=100")).hasToString("100-");
        assertThat(AgeBand.parse(">100")).hasToString("100-");
    }

    @Test
    void aBandThatEndsBeforeItBeginsIsNotOrdered() {
        assertThatThrownBy(() -> AgeBand.parse("10-4")).hasMessageContaining("age band '10-4' is not ordered");
        assertThatThrownBy(() -> AgeBand.parse("gammal")).hasMessageContaining("is not a band of whole years");
    }

    @Test
    void overlapCountsSharedYearsOfAge() {
        assertThat(AgeBand.parse("0-4").overlaps(AgeBand.parse("5-9"))).isFalse();
        assertThat(AgeBand.parse("0-5").overlaps(AgeBand.parse("5-9"))).isTrue();
        assertThat(AgeBand.parse("90-").overlaps(AgeBand.parse("95-99"))).isTrue();
    }
}
