package se.nyckeltal.jobs.bench;

/**
 * How often each query runs. Warm-up runs are not timed; they let DuckDB's caches and the JIT settle
 * as they are in a server that has been up for a while.
 *
 * @param warmups untimed runs of each query before the timed ones
 * @param lookupRuns timed runs of each {@link QueryGroup#KPI_LOOKUP} query
 * @param reportRuns timed runs of each {@link QueryGroup#REPORT} query (they take longer)
 */
public record QueryLatencySettings(int warmups, int lookupRuns, int reportRuns) {
    public QueryLatencySettings {
        if (warmups < 0 || lookupRuns < 1 || reportRuns < 1) {
            throw new IllegalArgumentException("warm-ups must be 0 or more and runs 1 or more");
        }
    }

    /** 50 timed runs per lookup: p95 is then the third-slowest run, not the slowest. */
    public static QueryLatencySettings defaults() {
        return new QueryLatencySettings(5, 50, 10);
    }

    public int runs(QueryGroup group) {
        return group == QueryGroup.KPI_LOOKUP ? lookupRuns : reportRuns;
    }
}
