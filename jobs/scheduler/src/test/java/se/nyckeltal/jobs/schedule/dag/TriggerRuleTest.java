package se.nyckeltal.jobs.schedule.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nyckeltal.jobs.schedule.dag.TriggerRule.Decision.RUN;
import static se.nyckeltal.jobs.schedule.dag.TriggerRule.Decision.SKIP;
import static se.nyckeltal.jobs.schedule.dag.TriggerRule.Decision.UPSTREAM_FAILED;
import static se.nyckeltal.jobs.schedule.dag.TriggerRule.Decision.WAIT;

import org.junit.jupiter.api.Test;

/** Three upstream tasks; arguments: total, succeeded, skipped, failed. */
class TriggerRuleTest {
    @Test
    void allSuccessRunsOnlyWhenAllSucceededAndPropagatesFailureAndSkips() {
        assertThat(TriggerRule.ALL_SUCCESS.decide(3, 3, 0, 0)).isEqualTo(RUN);
        assertThat(TriggerRule.ALL_SUCCESS.decide(3, 2, 0, 0)).isEqualTo(WAIT);
        assertThat(TriggerRule.ALL_SUCCESS.decide(3, 1, 0, 1)).isEqualTo(UPSTREAM_FAILED); // without waiting for the third
        assertThat(TriggerRule.ALL_SUCCESS.decide(3, 2, 1, 0)).isEqualTo(SKIP);
    }

    @Test
    void allDoneRunsWhenEveryUpstreamFinishedWhatever() {
        assertThat(TriggerRule.ALL_DONE.decide(3, 1, 1, 1)).isEqualTo(RUN);
        assertThat(TriggerRule.ALL_DONE.decide(3, 0, 0, 2)).isEqualTo(WAIT);
    }

    @Test
    void noneFailedRunsWithSkippedUpstreamButNotWithAFailedOne() {
        assertThat(TriggerRule.NONE_FAILED.decide(3, 1, 2, 0)).isEqualTo(RUN);
        assertThat(TriggerRule.NONE_FAILED.decide(3, 1, 1, 0)).isEqualTo(WAIT);
        assertThat(TriggerRule.NONE_FAILED.decide(3, 1, 0, 1)).isEqualTo(UPSTREAM_FAILED);
    }

    @Test
    void oneFailedRunsAtTheFirstFailureAndIsSkippedWhenNoneFailed() {
        assertThat(TriggerRule.ONE_FAILED.decide(3, 0, 0, 1)).isEqualTo(RUN);
        assertThat(TriggerRule.ONE_FAILED.decide(3, 2, 0, 0)).isEqualTo(WAIT);
        assertThat(TriggerRule.ONE_FAILED.decide(3, 2, 1, 0)).isEqualTo(SKIP);
    }
}
