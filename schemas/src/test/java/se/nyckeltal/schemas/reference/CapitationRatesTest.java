package se.nyckeltal.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.text.ExtractFormatException;

/** capitation_rates.csv and the ownership / unit_type columns of org_units.csv (SPEC §3, vårdval). */
class CapitationRatesTest {
    @TempDir
    Path overrides;

    @Test
    void defaultsHoldTheSeedsRatesFor2024() {
        // Skåne, Hälsoval 2024: 173 kr per ACG point (public), 181 (private); 23 / 24 kr per active listed
        List<CapitationRate> rates = ReferenceData.defaults().capitationRates();

        assertThat(rate(rates, 2024, Ownership.PUBLIC, CapitationComponent.ACG, "")).isEqualByComparingTo("173");
        assertThat(rate(rates, 2024, Ownership.PRIVATE, CapitationComponent.ACG, "")).isEqualByComparingTo("181");
        assertThat(rate(rates, 2024, Ownership.PUBLIC, CapitationComponent.ACTIVE_LISTED, "")).isEqualByComparingTo("23");
        assertThat(rate(rates, 2024, Ownership.PUBLIC, CapitationComponent.AGE_SEX, "M:85-89")).isEqualByComparingTo("415");
        assertThat(rate(rates, 2024, Ownership.PUBLIC, CapitationComponent.CNI, "UNEMPLOYED")).isEqualByComparingTo("106");
    }

    @Test
    void keysAreNormalisedSoTheyMatchTheListings() throws IOException {
        write("capitation_rates.csv", """
                År;Driftform;Komponent;Nyckel;Ersättning
                2024;offentlig;age_sex;k:0-04;24,50
                2024;privat;AGE_SEX;M:>100;351
                2024;PRIVATE;CNI;cni_unemployed;111
                2024;PUBLIC;ACG;;173
                """);

        List<CapitationRate> rates = ReferenceData.load(overrides).capitationRates();

        assertThat(rates).extracting(r -> r.year() + " " + r.ownership() + " " + r.component() + " " + r.key() + " "
                + r.rate().toPlainString()).containsExactly(
                "2024 PUBLIC AGE_SEX K:0-4 24.50",
                "2024 PRIVATE AGE_SEX M:100- 351",
                "2024 PRIVATE CNI UNEMPLOYED 111",
                "2024 PUBLIC ACG  173");
    }

    @Test
    void aSecondRateForTheSameKeyIsRefusedWithBothLines() throws IOException {
        write("capitation_rates.csv", "year;ownership;component;key;rate\n2024;PUBLIC;ACG;;173\n2024;PUBLIC;ACG;;174\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides)).isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("capitation_rates.csv line 3: the rate for 2024 PUBLIC ACG is already defined on line 2");
    }

    @Test
    void badRowsNameTheProblem() throws IOException {
        assertRefused("2024;KOMMUNAL;ACG;;1", "ownership 'KOMMUNAL' must be PUBLIC or PRIVATE");
        assertRefused("2024;PUBLIC;LAKEMEDEL;;1", "component 'LAKEMEDEL' must be AGE_SEX, ACG, CNI or ACTIVE_LISTED");
        assertRefused("2024;PUBLIC;ACG;X;1", "component ACG has no key");
        assertRefused("2024;PUBLIC;AGE_SEX;0-4;1", "AGE_SEX key '0-4' must be gender:age band, e.g. K:0-4");
        assertRefused("2024;PUBLIC;AGE_SEX;K:9-5;1", "AGE_SEX key 'K:9-5': age band '9-5' is not ordered");
        assertRefused("2024;PUBLIC;ACG;;-3", "rate -3 is negative");
    }

    @Test
    void orgUnitsMayCarryOwnershipAndUnitType() throws IOException {
        write("org_units.csv", """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership;unit_type
                V1;VC Norr;N;Norr;2024-01-01;;offentlig;vc
                V2;VC Syd;S;Syd;2024-01-01;;PRIVATE;VC
                U1;Kirurgi;K;Kirurgi;2024-01-01;;;
                """);

        List<OrgUnitVersion> units = ReferenceData.load(overrides).orgUnits();

        assertThat(units).extracting(u -> u.unitId() + " " + u.ownership() + " " + u.unitType())
                .containsExactly("V1 PUBLIC VC", "V2 PRIVATE VC", "U1 null null");
    }

    @Test
    void anUnknownOwnershipInOrgUnitsIsRefused() throws IOException {
        write("org_units.csv", "unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership\n"
                + "V1;VC Norr;N;Norr;2024-01-01;;landsting\n");

        assertThatThrownBy(() -> ReferenceData.load(overrides)).isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("org_units.csv line 2: ownership 'landsting' must be PUBLIC or PRIVATE");
    }

    @Test
    void canonicalFilesReadBackEqual() {
        ReferenceData defaults = ReferenceData.defaults();
        defaults.writeCanonical(overrides);

        assertThat(ReferenceData.load(overrides)).isEqualTo(defaults);
    }

    private void assertRefused(String row, String message) throws IOException {
        write("capitation_rates.csv", "year;ownership;component;key;rate\n" + row + "\n");
        assertThatThrownBy(() -> ReferenceData.load(overrides)).isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("capitation_rates.csv line 2: " + message);
    }

    private static java.math.BigDecimal rate(List<CapitationRate> rates, int year, Ownership ownership,
            CapitationComponent component, String key) {
        return rates.stream().filter(r -> r.year() == year && r.ownership() == ownership && r.component() == component
                && r.key().equals(key)).map(CapitationRate::rate).findFirst().orElseThrow();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(overrides.resolve(name), content, StandardCharsets.UTF_8);
    }
}
