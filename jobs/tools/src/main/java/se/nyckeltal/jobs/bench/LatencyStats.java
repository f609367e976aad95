package se.nyckeltal.jobs.bench;

import java.util.Arrays;

/**
 * Latency of a number of runs, in milliseconds (to the microsecond). Percentiles are nearest-rank:
 * p95 is the smallest run time that at least 95 % of the runs do not exceed, so it is always one of
 * the measured times and p50 ≤ p95 ≤ max.
 */
public record LatencyStats(int count, double p50Millis, double p95Millis, double maxMillis) {
    public LatencyStats {
        if (count < 1) {
            throw new IllegalArgumentException("latency of no runs");
        }
        if (!(p50Millis <= p95Millis && p95Millis <= maxMillis)) {
            throw new IllegalArgumentException("p50 " + p50Millis + " ≤ p95 " + p95Millis + " ≤ max " + maxMillis
                    + " does not hold");
        }
    }

    /** @param nanos one elapsed time per run */
    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("latency of no runs");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
