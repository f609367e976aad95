package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One replaceable unit of a fact: (source, scenario, period). A delivery replaces exactly the
 * partitions it contains; the files listed here are the live content of that partition.
 *
 * @param files paths relative to the warehouse root
 * @param sourceFile landing-relative path of the delivery that produced it
 */
public record FactPartition(
        String table, String scenario, int period, List<String> files, String sourceFile, String loadId, long rows) {
    public FactPartition {
        requireNonNull(table, "table");
        requireNonNull(scenario, "scenario");
        requireNonNull(sourceFile, "sourceFile");
        requireNonNull(loadId, "loadId");
        files = List.copyOf(files);
    }

    public PartitionKey key() {
        return new PartitionKey(table, scenario, period);
    }

    /** Identity of a partition: source table, scenario, period YYYYMM. */
    public record PartitionKey(String table, String scenario, int period) {
        @Override
        public String toString() {
            return table + "/" + scenario + "/" + period;
        }
    }
}
