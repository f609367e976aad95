package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * Loads that died: a record still {@link LoadRecord.Outcome#RUNNING} while this load holds the warehouse
 * lock belongs to a load that was killed or crashed. Its record is made true: PUBLISHED when its
 * snapshot became current before it died (the swap is the publish), else FAILED with its files as
 * {@link FileOutcome.Status#NOT_PUBLISHED} — they are read again, as they were never published.
 */
final class DeadLoads {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLoads.class);

    private final WarehouseStore store;

    DeadLoads(WarehouseStore store) {
        this.store = requireNonNull(store, "store");
    }

    /** Rewrites every dead load's record; returns the ids of the loads recorded as failed. */
    List<String> record(String byLoadId, Instant now) {
        Optional<String> current = store.currentSnapshotId();
        List<String> failed = new ArrayList<>();
        // the heads: a year of nightly records is tens of MB of file lists, and only a RUNNING one is read whole
        for (WarehouseStore.LoadHead head : store.loadHeads()) {
            if (head.outcome() != LoadRecord.Outcome.RUNNING) {
                continue;
            }
            LoadRecord load = store.loadRecord(head.loadId());
            LoadRecord rewritten;
            if (current.isPresent() && current.get().equals(load.loadId())) {
                rewritten = load.ended(LoadRecord.Outcome.PUBLISHED, load.finishedAt() == null ? now : load.finishedAt(),
                        load.loadId(), "published; the load ended before it could record so (recorded by load "
                                + byLoadId + ")" + (load.message() == null ? "" : "; " + load.message()), load.files());
            } else {
                rewritten = load.ended(LoadRecord.Outcome.FAILED, load.finishedAt() == null ? now : load.finishedAt(),
                        null, "the load died before publishing (killed, crashed or the machine stopped); nothing of"
                                + " it was published and its files are read again by the next load (recorded by load "
                                + byLoadId + ")", load.files().stream().map(FileOutcome::notPublished).toList());
                failed.add(load.loadId());
            }
            store.writeLoadRecord(rewritten);
            LOG.warn("load {} died while running; recorded as {}", load.loadId(), rewritten.outcome());
        }
        return failed;
    }
}
