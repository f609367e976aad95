package se.nyckeltal.etl.extract;

import java.util.List;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;

/**
 * What an ingest did.
 *
 * @param outcomes one per input file, in input order
 * @param partitions fact partitions staged and committed into {@code facts/} (not yet published);
 *     empty when any file was rejected (a failed load publishes nothing)
 */
public record IngestResult(List<FileOutcome> outcomes, List<FactPartition> partitions) {
    public IngestResult {
        outcomes = List.copyOf(outcomes);
        partitions = List.copyOf(partitions);
    }

    public boolean anyRejected() {
        return outcomes.stream().anyMatch(o -> o.status() == FileOutcome.Status.REJECTED);
    }
}
