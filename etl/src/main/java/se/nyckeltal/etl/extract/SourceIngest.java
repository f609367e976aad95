package se.nyckeltal.etl.extract;

import java.util.List;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Reads one kind of extract (ledger, production, HR) into validated fact partitions. The load job
 * runs every source's ingest, then publishes all of them together or none.
 */
public interface SourceIngest {
    SourceKind source();

    /**
     * @param files this source's new deliveries in file-name order (not loaded before, no duplicate
     *     content); may be empty when only the reference data changed, so a source whose facts
     *     depend on reference data can re-derive them
     * @return outcomes per file, and the partitions written (none when any file was rejected)
     */
    IngestResult ingest(List<LandingFile> files, WarehouseLayout layout, String loadId);
}
