package se.nyckeltal.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SPEC §3: scenario ACTUAL|BUDGET|FORECAST, Swedish UTFALL|BUDGET|PROGNOS, default ACTUAL. */
class ScenarioTest {

    @Test
    void englishNamesInAnyCase() {
        assertThat(Scenario.parse("ACTUAL")).isEqualTo(Scenario.ACTUAL);
        assertThat(Scenario.parse("budget")).isEqualTo(Scenario.BUDGET);
        assertThat(Scenario.parse(" Forecast ")).isEqualTo(Scenario.FORECAST);
    }

    @Test
    void swedishNamesInAnyCase() {
        assertThat(Scenario.parse("Utfall")).isEqualTo(Scenario.ACTUAL);
        assertThat(Scenario.parse("BUDGET")).isEqualTo(Scenario.BUDGET);
        assertThat(Scenario.parse("prognos")).isEqualTo(Scenario.FORECAST);
    }

    @Test
    void emptyScenarioIsActual() {
        assertThat(Scenario.parse("")).isEqualTo(Scenario.ACTUAL);
        assertThat(Scenario.parse("  ")).isEqualTo(Scenario.ACTUAL);
        assertThat(Scenario.parse(null)).isEqualTo(Scenario.ACTUAL);
    }

    @Test
    void unknownScenarioIsRefusedNamingTheAllowedValues() {
        assertThatThrownBy(() -> Scenario.parse("Plan"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'Plan'")
                .hasMessageContaining("ACTUAL, BUDGET or FORECAST (UTFALL, BUDGET, PROGNOS)");
    }
}
