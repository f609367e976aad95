package se.nyckeltal.jobs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain nightly load and the same nightly through the DAG, each run {@link Benchmark#NIGHTLY_PAIRS} times from
 * the same warehouse state, and the DAG's ratio as the median DAG run ÷ the median load. On the 2-core VMs we
 * bench on, one run of either moves by a second or more between two runs of the same code (BENCHMARKS.md), so a
 * single pair's ratio swings by ±0.07 around a target of 1.2; the medians of three do not.
 *
 * @param loadMillis the plain nightly loads' wall times, in the order they ran
 * @param dagMillis the DAG runs' wall times, in the order they ran
 */
record NightlyPairs(List<Long> loadMillis, List<Long> dagMillis, long medianLoadMillis, long medianDagMillis,
        double ratio) {
    NightlyPairs {
        loadMillis = List.copyOf(loadMillis);
        dagMillis = List.copyOf(dagMillis);
    }

    static NightlyPairs of(List<Long> loadMillis, List<Long> dagMillis) {
        if (loadMillis.isEmpty() || dagMillis.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        long load = median(loadMillis);
        long dag = median(dagMillis);
        return new NightlyPairs(loadMillis, dagMillis, load, dag, load == 0 ? 0 : (double) dag / load);
    }

    /** The first pair's ratio: the first DAG run ÷ the first nightly load (the runs the bench reports in full). */
    double firstPairRatio() {
        return loadMillis.get(0) == 0 ? 0 : (double) dagMillis.get(0) / loadMillis.get(0);
    }

    /** The middle value; of an even count, the mean of the two middle ones. */
    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
