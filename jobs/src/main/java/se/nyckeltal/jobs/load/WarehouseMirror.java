package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.schemas.warehouse.FactFileDigest;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.StaleSnapshotException;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * A local copy of a warehouse kept on a Hadoop store (SPEC §6, Scale-out): DuckDB reads local files
 * only, so the catalogue build and each gateway work on a local folder laid out as a warehouse — the
 * published snapshot's manifest and catalogue, the fact files it lists, the quarantine and the
 * scheduler's run records. Fact files are copied by content hash (a file already here with the size
 * and SHA-256 its manifest records is not copied again), so a new publish costs the partitions it
 * changed. The mirror's own {@code current} follows the store's published snapshot; what no kept
 * catalogue reads any more is removed as in a local warehouse ({@link LeftoverSweep}).
 */
public final class WarehouseMirror {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseMirror.class);

    private final WarehouseLayout store;
    private final WarehouseLayout local;
    private final WarehouseStore storeRecords;
    private final WarehouseStore localRecords;

    /**
     * @param store the warehouse on its store ({@code hdfs://…})
     * @param local the local mirror folder (created when missing; owner-only: it holds restricted facts)
     */
    public WarehouseMirror(WarehouseLayout store, WarehouseLayout local) {
        this.store = requireNonNull(store, "store");
        this.local = requireNonNull(local, "local");
        this.storeRecords = new WarehouseStore(store);
        this.localRecords = new WarehouseStore(local);
    }

    /**
     * Where a warehouse on a store is mirrored when no folder is given: in the temp folder, beside (not in)
     * the JVM's own scratch folder, which is removed when the JVM ends ({@link JvmScratch}).
     */
    public static Path defaultFolder(Path warehouse) {
        String name = warehouse.toString().replaceAll("[^A-Za-z0-9._-]+", "_");
        return JvmScratch.root().resolve("nyckeltal-mirror").resolve(name);
    }

    public WarehouseLayout local() {
        return local;
    }

    /**
     * Brings the mirror to the store's published snapshot and makes it the mirror's current one.
     *
     * @return the published snapshot id, empty when the store has none
     */
    public Optional<String> follow() {
        Optional<String> published = storeRecords.currentSnapshotId();
        Optional<String> mirrored = localRecords.currentSnapshotId();
        if (published.isEmpty() || published.equals(mirrored)) {
            return published;
        }
        String id = published.get();
        pull(id);
        publishLocally(id);
        return published;
    }

    /**
     * Copies a published snapshot's manifest, catalogue (when the store has it) and files here, without
     * making it current: what a load builds its next catalogue on.
     */
    public void pull(String snapshotId) {
        Snapshot snapshot = storeRecords.readSnapshot(snapshotId);
        copyFiles(snapshot);
        copyIfChanged(store.snapshotFile(snapshotId), local.snapshotFile(snapshotId));
        Path catalogue = store.catalogueFile(snapshotId);
        if (Files.isRegularFile(catalogue)) {
            copyIfChanged(catalogue, local.catalogueFile(snapshotId));
        }
    }

    /**
     * Copies what a catalogue build reads besides the manifest: the snapshot's fact files by content hash,
     * the quarantine and the scheduler's run records.
     */
    public void copyFiles(Snapshot snapshot) {
        prepare();
        AtomicInteger copied = new AtomicInteger();
        Map<String, FactFileDigest> digests = snapshot.factFiles();
        snapshot.allFiles().parallelStream().forEach(file -> {
            if (copyFact(file, digests.get(file))) {
                copied.incrementAndGet();
            }
        });
        int others = copyTree(store.quarantineDir(), local.quarantineDir()) + copyTree(store.dagRunsDir(),
                local.dagRunsDir());
        LOG.info("mirrored snapshot {} of {} in {}: {} fact file(s) copied of {}, {} other file(s)",
                snapshot.snapshotId(), store.root(), local.root(), copied.get(), snapshot.allFiles().size(), others);
    }

    /** Writes a catalogue built in the mirror, and its manifest, back to the store (not yet published). */
    public void push(Snapshot snapshot) {
        storeRecords.writeSnapshot(snapshot);
        Path built = local.catalogueFile(snapshot.snapshotId());
        Path target = store.catalogueFile(snapshot.snapshotId());
        Path partial = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalogue " + target, e);
        }
    }

    /** Makes a snapshot already here the mirror's current one, then removes what no kept catalogue reads. */
    public void publishLocally(String snapshotId) {
        Optional<String> before = localRecords.currentSnapshotId();
        if (before.equals(Optional.of(snapshotId))) {
            return;
        }
        try {
            localRecords.publish(before, snapshotId);
        } catch (StaleSnapshotException anotherFollowerWon) {
            return; // another process following the same mirror published it (or a newer one)
        }
        new LeftoverSweep(local, localRecords).sweep(null);
    }

    private boolean copyFact(String relative, FactFileDigest digest) {
        Path source = store.resolve(relative);
        Path target = local.resolve(relative);
        if (Files.isRegularFile(target) && (digest == null || digest.mismatch(target) == null)) {
            return false;
        }
        copy(source, target);
        if (digest != null) {
            String problem = digest.mismatch(target);
            if (problem != null) {
                throw new IllegalStateException("the fact file " + source + " is not the file its manifest recorded: "
                        + problem + "; re-derive it with a load with --rederive");
            }
        }
        return true;
    }

    /** Files of {@code from} (and its folders) not yet in {@code to}, or of another size; how many were copied. */
    private static int copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        int copied = 0;
        for (Path entry : LeftoverSweep.list(from)) {
            Path target = to.resolve(entry.getFileName().toString());
            String name = entry.getFileName().toString();
            if (name.endsWith(".tmp") || name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                copied += copyTree(entry, target);
            } else if (copyIfChanged(entry, target)) {
                copied++;
            }
        }
        return copied;
    }

    private static boolean copyIfChanged(Path source, Path target) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == Files.size(source)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return false;
            }
        } catch (IOException changedMeanwhile) {
            // copied below
        }
        copy(source, target);
        return true;
    }

    /** Through a temporary file, so a reader of the mirror never sees half a file. */
    private static void copy(Path source, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".tmp");
        try (InputStream in = Files.newInputStream(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to the local mirror " + target, e);
        }
    }

    private void prepare() {
        try {
            Files.createDirectories(local.root());
            if (Files.getFileAttributeView(local.root(), PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(local.root(), PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local mirror " + local.root(), e);
        }
    }
}
