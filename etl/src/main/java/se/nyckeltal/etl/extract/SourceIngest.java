package se.nyckeltal.etl.extract;

import java.util.List;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Reads one kind of extract (ledger, production, HR) into validated fact partitions: stages them as
 * Parquet under {@code staging/}, then commits them into {@code facts/} when every file is valid.
 * The load job runs every source's ingest, then publishes a snapshot with all of them or none.
 */
public interface SourceIngest {
    SourceKind source();

    /**
     * @param files this source's new deliveries in file-name order (not loaded before, no duplicate
     *     content); may be empty when only the reference data changed, so a source whose facts
     *     depend on reference data can re-derive them
     * @return outcomes per file, and the partitions committed (none when any file was rejected)
     */
    IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId);

    /**
     * As {@link #ingest(List, WarehouseLayout, String)}, staged for a load to commit later (the nightly DAG's
     * source tasks): what the ingest reads of the warehouse — earlier facts, the reference data a snapshot was
     * published with, the HR pseudonym key and its fingerprint — comes from {@code warehouse}, which is not
     * changed; everything it writes — facts, restricted facts, quarantine, staging — goes under {@code output},
     * a folder laid out as a warehouse, at the relative paths the result's partitions name. A source that reads
     * nothing of the warehouse (this default) writes there as it would into the warehouse.
     */
    default IngestResult ingest(List<LandingFile> files, WarehouseLayout warehouse, WarehouseLayout output,
            String loadId) {
        return ingest(files, output, loadId);
    }
}
