package se.nyckeltal.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.text.ExtractFormatException;

/** Contact-type weights that change per year: the optional year column of contact_types.csv. */
class ContactWeightsTest {
    @TempDir
    Path overrides;

    private ReferenceData load(String contactTypes) throws IOException {
        Files.writeString(overrides.resolve(ReferenceData.CONTACT_TYPES), contactTypes, StandardCharsets.UTF_8);
        return ReferenceData.load(overrides);
    }

    @Test
    void theSpecFormatWithoutAYearAppliesToEveryYear() throws IOException {
        ContactWeights weights = load("""
                contact_type;name;category;weight
                DOCTOR_VISIT;Läkarbesök;VISIT;1,0
                BED_DAYS_SOMATIC;Vårddagar;INPATIENT;
                """).contactWeights();

        assertThat(weights.weight("DOCTOR_VISIT", 2019)).contains(new BigDecimal("1.0"));
        assertThat(weights.weight("DOCTOR_VISIT", 2031)).contains(new BigDecimal("1.0"));
        assertThat(weights.weight("BED_DAYS_SOMATIC", 2024)).isEmpty(); // empty weight: not weighted
        assertThat(weights.isKnown("BED_DAYS_SOMATIC")).isTrue();
        assertThat(weights.isKnown("GROUP_VISIT")).isFalse();
        assertThat(weights.weight("GROUP_VISIT", 2024)).isEmpty();
    }

    @Test
    void aYearsOwnRowWinsOverTheRowWithoutYear() throws IOException {
        ContactWeights weights = load("""
                contact_type;name;category;weight;year
                DOCTOR_VISIT;Läkarbesök;VISIT;1,0;
                DOCTOR_VISIT;Läkarbesök;VISIT;1,2;2025
                DOCTOR_VISIT_REMOTE;Läkarbesök - Distans;VISIT;0,6;
                DOCTOR_VISIT_REMOTE;Läkarbesök - Distans;VISIT;;2026
                DAY_CARE;Dagsjukvård;VISIT;1,5;2025
                """).contactWeights();

        assertThat(weights.weight("DOCTOR_VISIT", 2024)).contains(new BigDecimal("1.0"));
        assertThat(weights.weight("DOCTOR_VISIT", 2025)).contains(new BigDecimal("1.2"));
        assertThat(weights.weight("DOCTOR_VISIT", 2026)).contains(new BigDecimal("1.0"));
        // A year's row with an empty weight takes the contact type out of that year only.
        assertThat(weights.weight("DOCTOR_VISIT_REMOTE", 2026)).isEmpty();
        assertThat(weights.weight("DOCTOR_VISIT_REMOTE", 2025)).contains(new BigDecimal("0.6"));
        // Only year rows: no weight in the other years.
        assertThat(weights.weight("DAY_CARE", 2025)).contains(new BigDecimal("1.5"));
        assertThat(weights.weight("DAY_CARE", 2024)).isEmpty();

        assertThat(weights.forYear(2025)).isEqualTo(Map.of("DOCTOR_VISIT", new BigDecimal("1.2"),
                "DOCTOR_VISIT_REMOTE", new BigDecimal("0.6"), "DAY_CARE", new BigDecimal("1.5")));
    }

    @Test
    void yearsWeighAlikeWhenOnlyTrailingZerosDiffer() throws IOException {
        Map<String, BigDecimal> one = load("contact_type;name;category;weight\nDOCTOR_VISIT;L;VISIT;1,0\n")
                .contactWeights().forYear(2024);
        Map<String, BigDecimal> other = load("contact_type;name;category;weight\nDOCTOR_VISIT;L;VISIT;1\n")
                .contactWeights().forYear(2024);

        assertThat(one).isEqualTo(other);
    }

    @Test
    void twoRowsForOneContactTypeAndYearAreRefused() {
        assertThatThrownBy(() -> load("""
                contact_type;name;category;weight;år
                DOCTOR_VISIT;Läkarbesök;VISIT;1,0;2025
                DOCTOR_VISIT;Läkarbesök;VISIT;1,1;2025
                """))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageStartingWith("contact_types.csv line 3: ")
                .hasMessageContaining("contact type DOCTOR_VISIT for 2025 is already defined on line 2");
    }

    @Test
    void negativeWeightIsRefused() {
        assertThatThrownBy(() -> load("contact_type;name;category;weight\nDOCTOR_VISIT;L;VISIT;−1\n"))
                .isInstanceOf(ExtractFormatException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("is negative");
    }

    @Test
    void canonicalFilesKeepTheYears(@TempDir Path canonical) throws IOException {
        ReferenceData reference = load("""
                contact_type;name;category;weight;year
                DOCTOR_VISIT;Läkarbesök;VISIT;1,0;
                DOCTOR_VISIT;Läkarbesök;VISIT;1,2;2025
                """);

        reference.writeCanonical(canonical);

        assertThat(ReferenceData.load(canonical)).isEqualTo(reference);
        assertThat(Files.readAllLines(canonical.resolve(ReferenceData.CONTACT_TYPES), StandardCharsets.UTF_8))
                .containsExactly("contact_type;name;category;weight;year", "DOCTOR_VISIT;Läkarbesök;VISIT;1.0;",
                        "DOCTOR_VISIT;Läkarbesök;VISIT;1.2;2025");
    }
}
