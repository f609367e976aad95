package se.nyckeltal.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionReplacementTest {
    private static final ScenarioPeriod ACTUAL_FEB = new ScenarioPeriod("ACTUAL", 202402);
    private static final ScenarioPeriod ACTUAL_MAR = new ScenarioPeriod("ACTUAL", 202403);
    private static final ScenarioPeriod BUDGET_MAR = new ScenarioPeriod("BUDGET", 202403);

    @Test
    void theLastFileContainingAPartitionWinsIt() {
        PartitionReplacement replacement = PartitionReplacement.apply(List.of(
                Set.of(ACTUAL_FEB, ACTUAL_MAR),
                Set.of(),
                Set.of(ACTUAL_MAR, BUDGET_MAR),
                Set.of(BUDGET_MAR)));

        assertThat(replacement.supersededBy(0, ACTUAL_FEB)).isEmpty();
        assertThat(replacement.supersededBy(0, ACTUAL_MAR)).contains(2);
        assertThat(replacement.supersededBy(2, ACTUAL_MAR)).isEmpty();
        assertThat(replacement.supersededBy(2, BUDGET_MAR)).contains(3);
        assertThat(replacement.supersededBy(3, BUDGET_MAR)).isEmpty();
    }

    @Test
    void sameScenarioOtherPeriodIsAnotherPartition() {
        PartitionReplacement replacement = PartitionReplacement.apply(List.of(Set.of(ACTUAL_FEB), Set.of(ACTUAL_MAR)));

        assertThat(replacement.supersededBy(0, ACTUAL_FEB)).isEmpty();
    }
}
