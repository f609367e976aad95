package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DAG's ratio over repeated runs: the median DAG run ÷ the median nightly load. */
class NightlyPairsTest {
    @Test
    void theRatioComparesTheMediansNotOnePair() {
        // bench at 4b14c60 by hand: a load that ran fast once makes its own pair's ratio 1.21; the medians do not
        NightlyPairs pairs = NightlyPairs.of(List.of(16_600L, 17_900L, 17_400L), List.of(20_100L, 20_300L, 19_800L));

        assertThat(pairs.medianLoadMillis()).isEqualTo(17_400);
        assertThat(pairs.medianDagMillis()).isEqualTo(20_100);
        assertThat(pairs.ratio()).isCloseTo(20_100.0 / 17_400, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pairs.loadMillis()).containsExactly(16_600L, 17_900L, 17_400L);
        assertThat(pairs.firstPairRatio()).isCloseTo(20_100.0 / 16_600, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anEvenCountTakesTheMeanOfTheTwoMiddleRuns() {
        assertThat(NightlyPairs.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2); // (2 + 3) / 2, whole milliseconds
        assertThat(NightlyPairs.median(List.of(10L, 30L))).isEqualTo(20);
        assertThat(NightlyPairs.median(List.of(7L))).isEqualTo(7);
    }

    @Test
    void noRunsIsAnError() {
        assertThatThrownBy(() -> NightlyPairs.of(List.of(), List.of(1L))).isInstanceOf(IllegalArgumentException.class);
    }
}
