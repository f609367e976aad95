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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.kpi.KpiDefinitions;

/**
 * Publishes a snapshot: builds its catalogue beside the live one and swaps the current pointer, so a
 * reader never sees half a load and the server never has to stop. Each snapshot has its own DuckDB
 * file, written once under a temporary name and renamed into place; a published file is never
 * modified, so connections open on an older one keep working.
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
     * Writes the snapshot manifest, builds {@code catalogue/<snapshotId>.duckdb} (under a temporary
     * name, then renamed), makes it the published snapshot with one atomic rename of the current
     * pointer, and deletes catalogue files older than the newest {@value #KEEP_CATALOGUES} (never the
     * current one).
     *
     * @param loads every load record meta.loads should show, oldest first
     * @return the published catalogue file
     * @throws IllegalStateException when the catalogue cannot be built; nothing is published then
     */
    public Path publish(Snapshot snapshot, ReferenceData reference, List<LoadRecord> loads) {
        requireNonNull(snapshot, "snapshot");
        requireNonNull(reference, "reference");
        requireNonNull(loads, "loads");
        long started = System.nanoTime();
        CatalogueReuse.Previous previous = previousCatalogue(snapshot);
        store.writeSnapshot(snapshot);

        Path target = layout.catalogueFile(snapshot.snapshotId());
        Path building = target.resolveSibling(target.getFileName() + BUILDING);
        try {
            Files.createDirectories(target.getParent());
            deleteWithWal(building);
            new CatalogueBuilder(layout, snapshot, reference, KpiDefinitions.load(), loads, previous).build(building);
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(building);
            throw new IllegalStateException("cannot build the catalogue of snapshot " + snapshot.snapshotId() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(building);
            throw new UncheckedIOException("cannot write the catalogue " + target, e);
        }

        store.publish(snapshot.snapshotId());
        prune(snapshot.snapshotId());
        LOG.info("published catalogue {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
        return target;
    }

    /** The published catalogue this one follows, if any: the build may copy its unchanged periods. */
    private CatalogueReuse.Previous previousCatalogue(Snapshot next) {
        return store.currentSnapshotId()
                .filter(id -> !id.equals(next.snapshotId()))
                .map(id -> new CatalogueReuse.Previous(layout.catalogueFile(id), store.readSnapshot(id)))
                .orElse(null);
    }

    /** Keeps the newest catalogue files and the current one; removes temporary files of crashed builds. */
    private void prune(String currentId) {
        Path current = layout.catalogueFile(currentId);
        List<Path> catalogues = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.catalogueDir())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".duckdb")) {
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
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteWithWal(Path file) throws IOException {
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
