package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void percentilesAreNearestRankOfTheMeasuredTimes() {
        // 1 … 20 ms, shuffled: p50 = the 10th smallest, p95 = the 19th (ceil(0.95 × 20)), max = the 20th
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = ((i * 7) % 20 + 1) * 1_000_000L;
        }
        assertThat(LatencyStats.of(nanos)).isEqualTo(new LatencyStats(20, 10.0, 19.0, 20.0));
    }

    @Test
    void oneRunIsItsOwnMedianPercentileAndMaximum() {
        assertThat(LatencyStats.of(new long[] {1_234_567})).isEqualTo(new LatencyStats(1, 1.235, 1.235, 1.235));
    }

    @Test
    void noRunsHaveNoLatency() {
        assertThatThrownBy(() -> LatencyStats.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
