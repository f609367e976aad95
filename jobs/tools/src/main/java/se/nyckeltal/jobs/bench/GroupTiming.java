package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

/** The latency of every run of a group's queries on one access path, pooled. */
public record GroupTiming(QueryGroup group, AccessPath path, LatencyStats latency) {
    public GroupTiming {
        requireNonNull(group, "group");
        requireNonNull(path, "path");
        requireNonNull(latency, "latency");
    }
}
