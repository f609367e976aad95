package se.nyckeltal.schemas.warehouse;

import java.util.Optional;

/**
 * A publish refused because the snapshot it was built on is no longer the published one: another
 * load published in between, and publishing now would silently drop that load's facts (as Iceberg
 * refuses {@code commit(base, metadata)} when {@code base} is not current). Nothing was changed.
 */
public final class StaleSnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String snapshotId;
    private final String base;
    private final String current;

    public StaleSnapshotException(String snapshotId, Optional<String> base, Optional<String> current) {
        super("snapshot " + snapshotId + " was built on " + base.map(id -> "snapshot " + id).orElse("an empty warehouse")
                + ", but " + current.map(id -> "snapshot " + id).orElse("nothing") + " is published now; "
                + snapshotId + " was not published");
        this.snapshotId = snapshotId;
        this.base = base.orElse(null);
        this.current = current.orElse(null);
    }

    public String snapshotId() {
        return snapshotId;
    }

    public Optional<String> base() {
        return Optional.ofNullable(base);
    }

    public Optional<String> current() {
        return Optional.ofNullable(current);
    }
}
