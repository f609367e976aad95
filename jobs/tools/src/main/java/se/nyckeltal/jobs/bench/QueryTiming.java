package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

/**
 * One query's latency on one access path.
 *
 * @param rows rows of the result (every run returns the same)
 */
public record QueryTiming(String queryId, QueryGroup group, AccessPath path, long rows, LatencyStats latency) {
    public QueryTiming {
        requireNonNull(queryId, "queryId");
        requireNonNull(group, "group");
        requireNonNull(path, "path");
        requireNonNull(latency, "latency");
    }
}
