package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

/**
 * How often each query runs, per group. Warm-up runs are not timed; they let DuckDB's caches and the
 * JIT settle as they are in a server that has been up for a while.
 */
public record QueryLatencySettings(Runs lookups, Runs reports) {
    public QueryLatencySettings {
        requireNonNull(lookups, "lookups");
        requireNonNull(reports, "reports");
    }

    /**
     * 50 timed runs per lookup: p95 is then the third-slowest run, not the slowest. Reports take up to
     * seconds at scale M (the whole-table import): one warm-up and five runs, so their p95 is their max.
     */
    public static QueryLatencySettings defaults() {
        return new QueryLatencySettings(new Runs(5, 50), new Runs(1, 5));
    }

    public Runs runs(QueryGroup group) {
        return group == QueryGroup.KPI_LOOKUP ? lookups : reports;
    }

    /**
     * @param warmups untimed runs of each query before the timed ones
     * @param timed timed runs of each query
     */
    public record Runs(int warmups, int timed) {
        public Runs {
            if (warmups < 0 || timed < 1) {
                throw new IllegalArgumentException("warm-ups must be 0 or more and timed runs 1 or more");
            }
        }
    }
}
