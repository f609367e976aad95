package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

/**
 * What dead loads leave in a warehouse, removed by every load (also one with nothing new) while it
 * holds the warehouse lock, so nothing else is writing: half-built catalogues ({@code .building}, its
 * WAL and spill folder), temporary files of atomic writes ({@code *.tmp}: load records, manifests,
 * {@code current.tmp}), staging folders of other loads, catalogues of loads that never
 * published, manifests and reference folders no kept catalogue uses, fact files no kept snapshot
 * lists ({@link FactFileCleaner}), and the prepared ingests of nightly DAG runs that are over
 * ({@link PreparedIngests#sweep}; never one a task is writing). The JVM's scratch space of dead loads is
 * {@link JvmScratch}'s.
 */
final class LeftoverSweep {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverSweep.class);

    private final WarehouseLayout layout;
    private final WarehouseStore store;

    LeftoverSweep(WarehouseLayout layout, WarehouseStore store) {
        this.layout = requireNonNull(layout, "layout");
        this.store = requireNonNull(store, "store");
    }

    /** @param keepPreparedRun the DAG run whose prepared ingests the running load is about to use, or null */
    void sweep(String keepPreparedRun) {
        int removed = 0;
        removed += removeTemporary(layout.root());
        removed += removeTemporary(layout.loadsDir());
        removed += removeTemporary(layout.snapshotsDir());
        removed += removeTemporary(layout.landingHashesFile().getParent());
        removed += removeTemporary(layout.dagRunsDir());
        removed += removeHalfBuilt();
        removed += removeAll(layout.stagingRoot());
        removed += removeAll(layout.restrictedStagingRoot());
        Optional<String> current = store.currentSnapshotId();
        current.ifPresent(id -> new CataloguePublisher(layout).prune(id));
        removed += removeUnusedManifestsAndReference(current);
        removed += store.pruneUnusedPointers();
        new FactFileCleaner(layout, store).removeUnreferenced();
        removed += PreparedIngests.sweep(store, current, keepPreparedRun, java.time.Instant.now());
        if (removed > 0) {
            LOG.info("removed {} leftover(s) of earlier loads", removed);
        }
    }

    /** {@code *.tmp} files of the folder: an atomic write that died before its rename. */
    private static int removeTemporary(Path dir) {
        return removeMatching(dir, name -> name.endsWith(".tmp"));
    }

    /** A catalogue being built by a load that died: {@code <id>.duckdb.building}, its WAL and spill folder. */
    private int removeHalfBuilt() {
        return removeMatching(layout.catalogueDir(), name -> name.contains(".duckdb.building")
                || name.endsWith(".duckdb.spill"));
    }

    private static int removeAll(Path dir) {
        return removeMatching(dir, name -> true);
    }

    /**
     * Manifests of snapshots whose catalogue is gone (and not current), and reference folders no
     * remaining manifest names.
     */
    private int removeUnusedManifestsAndReference(Optional<String> current) {
        int removed = 0;
        Set<String> keptReference = new HashSet<>();
        for (Path manifest : list(layout.snapshotsDir())) {
            String name = manifest.getFileName().toString();
            if (!name.endsWith(".json")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".json".length());
            if (current.map(id::equals).orElse(false) || Files.exists(layout.catalogueFile(id))) {
                Snapshot snapshot = store.readSnapshot(id);
                if (snapshot.referenceDir() != null) {
                    keptReference.add(layout.resolve(snapshot.referenceDir()).getFileName().toString());
                }
            } else {
                delete(manifest);
                removed++;
            }
        }
        removed += removeMatching(layout.referenceRoot(), name -> !keptReference.contains(name));
        return removed;
    }

    private static int removeMatching(Path dir, Predicate<String> leftover) {
        int removed = 0;
        for (Path path : list(dir)) {
            if (leftover.test(path.getFileName().toString())) {
                delete(path);
                removed++;
            }
        }
        return removed;
    }

    static List<Path> list(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return entries;
    }

    private static void delete(Path path) {
        if (Files.isDirectory(path)) {
            FileTree.delete(path);
        } else {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + path, e);
            }
        }
    }
}
