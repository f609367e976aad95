package se.nyckeltal.warehouse.catalogue;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FaultPoint;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.StaleSnapshotException;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.kpi.KpiDefinitions;

/**
 * Builds a snapshot's catalogue and publishes it: two steps. {@link #build} writes the manifest and
 * {@code catalogue/<snapshotId>.duckdb} beside the live one (under a temporary name, then renamed);
 * {@link #publish(Optional, String)} swaps the current pointer — only if the snapshot the load started
 * from is still the published one — so a reader never sees half a load, a load never overwrites
 * another's, and the server never has to stop. A published file is never modified, so connections
 * open on an older one keep working.
 */
public final class CataloguePublisher {
    /** How many catalogue files stay on disk; older ones are deleted after a publish. */
    static final int KEEP_CATALOGUES = 5;

    /** A temporary file this old is left over from a crashed build. */
    private static final Duration STALE_BUILD = Duration.ofHours(1);

    private static final String BUILDING = ".building";
    private static final Logger LOG = LoggerFactory.getLogger(CataloguePublisher.class);

    private final WarehouseLayout layout;
    private final WarehouseStore store;

    public CataloguePublisher(WarehouseLayout layout) {
        this.layout = requireNonNull(layout, "layout");
        this.store = new WarehouseStore(layout);
    }

    /**
     * Builds the snapshot's catalogue on top of whatever is published now and publishes it: for
     * tests and tools that own the warehouse. A load uses {@link #build} and
     * {@link #publish(Optional, String)} with the snapshot it started from.
     *
     * @return the published catalogue file
     */
    public Path publish(Snapshot snapshot, ReferenceData reference, List<LoadRecord> loads) {
        Optional<String> base = store.currentSnapshotId();
        Path built = build(base, snapshot, reference, loads);
        publish(base, snapshot.snapshotId());
        return built;
    }

    /**
     * Writes the snapshot manifest and builds {@code catalogue/<snapshotId>.duckdb}; publishes nothing.
     *
     * @param base the published snapshot the new one follows (its catalogue's unchanged periods are
     *     copied), empty for a first load
     * @param loads every load record meta.loads should show, oldest first
     * @return the built catalogue file
     * @throws IllegalStateException when the catalogue cannot be built
     */
    public Path build(Optional<String> base, Snapshot snapshot, ReferenceData reference, List<LoadRecord> loads) {
        requireNonNull(base, "base");
        requireNonNull(snapshot, "snapshot");
        requireNonNull(reference, "reference");
        requireNonNull(loads, "loads");
        CatalogueReuse.Previous previous = base
                .filter(id -> !id.equals(snapshot.snapshotId()))
                .map(id -> new CatalogueReuse.Previous(layout.catalogueFile(id), store.readSnapshot(id)))
                .orElse(null);
        store.writeSnapshot(snapshot);

        Path target = layout.catalogueFile(snapshot.snapshotId());
        Path building = target.resolveSibling(target.getFileName() + BUILDING);
        try {
            Files.createDirectories(target.getParent());
            deleteWithWal(building);
            new CatalogueBuilder(layout, snapshot, reference, KpiDefinitions.load(), loads, previous).build(building);
            FaultPoint.reach(FaultPoint.BUILDING);
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(building);
            throw new IllegalStateException("cannot build the catalogue of snapshot " + snapshot.snapshotId() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(building);
            throw new UncheckedIOException("cannot write the catalogue " + target, e);
        }
        return target;
    }

    /**
     * Makes a built snapshot the published one with one atomic rename of the current pointer, if
     * {@code base} is still published, then deletes catalogue files older than the newest
     * {@value #KEEP_CATALOGUES} (never the current one).
     *
     * @throws StaleSnapshotException when another snapshot was published since {@code base}; the
     *     refused snapshot's catalogue file is deleted and the published one stays as it was
     */
    public void publish(Optional<String> base, String snapshotId) {
        FaultPoint.reach(FaultPoint.BUILT);
        try {
            store.publish(base, snapshotId);
        } catch (StaleSnapshotException e) {
            deleteQuietly(layout.catalogueFile(snapshotId));
            throw e;
        }
        prune(snapshotId);
        LOG.info("published snapshot {}", snapshotId);
    }

    /**
     * Keeps the current catalogue and the newest {@value #KEEP_CATALOGUES} that were ever published;
     * deletes the catalogues of loads that failed or died before publishing (never current, so no
     * reader has them open, and they must not push a published one out of the kept five), and
     * temporary files of builds that crashed over an hour ago.
     */
    public void prune(String currentId) {
        Path current = layout.catalogueFile(currentId);
        Set<String> neverCurrent = new HashSet<>();
        for (WarehouseStore.LoadHead load : store.loadHeads()) {
            if (load.outcome() == LoadRecord.Outcome.FAILED && !load.loadId().equals(currentId)) {
                neverCurrent.add(load.loadId() + ".duckdb");
            }
        }
        List<Path> catalogues = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        if (!Files.isDirectory(layout.catalogueDir())) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.catalogueDir())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (neverCurrent.contains(name)) {
                    deleteQuietly(file);
                } else if (name.endsWith(".duckdb")) {
                    catalogues.add(file);
                } else if (name.endsWith(BUILDING) || name.endsWith(BUILDING + ".wal")) {
                    leftovers.add(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to prune old catalogues: {}", layout.catalogueDir(), e.toString());
            return;
        }
        catalogues.sort(Comparator.comparing(CataloguePublisher::modified).reversed()
                .thenComparing(Comparator.reverseOrder()));
        for (int i = KEEP_CATALOGUES; i < catalogues.size(); i++) {
            Path old = catalogues.get(i);
            if (!old.equals(current)) {
                deleteQuietly(old);
            }
        }
        Instant staleBefore = Instant.now().minus(STALE_BUILD);
        for (Path leftover : leftovers) {
            if (modified(leftover).toInstant().isBefore(staleBefore)) {
                deleteQuietly(leftover);
            }
        }
        pruneKeptGroups(staleBefore, neverCurrent);
    }

    /**
     * Deletes the HR group sums a build kept under restricted/catalogue/ once their catalogue is gone (pruned, or a
     * failed load's), unless written within the last hour: a build in progress has no catalogue yet.
     */
    private void pruneKeptGroups(Instant staleBefore, Set<String> neverCurrent) {
        Path kept = layout.restrictedCatalogueDir("x").getParent();
        if (!Files.isDirectory(kept)) {
            return;
        }
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(kept)) {
            for (Path build : builds) {
                String snapshotId = build.getFileName().toString();
                if (neverCurrent.contains(snapshotId + ".duckdb") || !Files.isRegularFile(layout.catalogueFile(snapshotId))
                        && modified(build).toInstant().isBefore(staleBefore)) {
                    deleteTree(build);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to prune kept HR group sums: {}", kept, e.toString());
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", folder, e.toString());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Deletes a catalogue file and its write-ahead log, where they are. */
    static void deleteWithWal(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
    }

    /** Readers may still hold an old file open; on POSIX they keep reading it after the unlink. */
    private static void deleteQuietly(Path file) {
        try {
            deleteWithWal(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
