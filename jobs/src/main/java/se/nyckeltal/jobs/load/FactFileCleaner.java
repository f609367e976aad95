package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * Deletes Parquet fact files (under {@code facts/} and {@code restricted/facts/}) that no kept
 * catalogue reads any more: partitions replaced by a restatement, and files a failed load left behind. Files of every catalogue still on disk stay,
 * so a reader holding an older catalogue keeps working.
 */
final class FactFileCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(FactFileCleaner.class);

    private final WarehouseLayout layout;
    private final WarehouseStore store;

    FactFileCleaner(WarehouseLayout layout, WarehouseStore store) {
        this.layout = requireNonNull(layout, "layout");
        this.store = requireNonNull(store, "store");
    }

    void removeUnreferenced() {
        Set<Path> referenced = new HashSet<>();
        for (String snapshotId : keptSnapshots()) {
            Snapshot snapshot = store.readSnapshot(snapshotId);
            snapshot.partitions().forEach(p -> p.files().forEach(f -> referenced.add(layout.resolve(f))));
        }
        int removed = remove(layout.factsDir(), referenced) + remove(layout.restrictedFactsDir(), referenced);
        if (removed > 0) {
            LOG.info("removed {} fact file(s) no kept catalogue reads", removed);
        }
    }

    /** Parquet files under {@code dir} that no kept snapshot lists; how many were deleted. */
    private static int remove(Path dir, Set<Path> referenced) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                if (!referenced.contains(file.toAbsolutePath().normalize())) {
                    Files.delete(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
        return removed;
    }

    /** Snapshots whose catalogue file still exists, plus the current one. */
    private List<String> keptSnapshots() {
        Set<String> ids = new HashSet<>();
        store.currentSnapshotId().ifPresent(ids::add);
        if (Files.isDirectory(layout.catalogueDir())) {
            try (Stream<Path> files = Files.list(layout.catalogueDir())) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".duckdb"))
                        .map(n -> n.substring(0, n.length() - ".duckdb".length()))
                        .filter(id -> Files.exists(layout.snapshotFile(id)))
                        .forEach(ids::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + layout.catalogueDir(), e);
            }
        }
        return List.copyOf(ids);
    }
}
