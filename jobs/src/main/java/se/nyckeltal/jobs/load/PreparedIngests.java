package se.nyckeltal.jobs.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.hr.RestrictedArea;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.DagRunRecord;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.PreparedRun;
import se.nyckeltal.schemas.warehouse.PreparedSource;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * {@code W/prepared/}: the nightly DAG's source tasks ingest their source's new files for their run's load
 * ({@link SourcePreparation}); the load commits such a result instead of parsing the files again when it
 * was made from exactly what the load would ingest from ({@link #mismatch}), by moving its files into
 * place as an ingest's own commit does ({@link #commit}).
 *
 * <p>A task writes only under its own {@code prepared/<run>/<source>/}, holding {@code <source>.lock}
 * while it does (and {@code run.lock} while it reserves the run's load id), and never takes the
 * warehouse lock: a load may run meanwhile, and what it publishes makes the prepared result stale
 * (a mismatch: the load ingests that source itself). Every load sweeps the prepared folders of runs
 * that are over ({@link #sweep}), never one whose locks are held.
 */
final class PreparedIngests {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedIngests.class);
    /** A run's prepared folder older than this is removed even when nothing else says its run is over. */
    static final Duration MAX_AGE = Duration.ofDays(1);
    /** How long a task waits for a lock a sweep holds while it removes a folder. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private PreparedIngests() {}

    /** The locks a source task holds: its source's (kept while it ingests) and the run's (until the id is reserved). */
    static final class TaskLocks implements AutoCloseable {
        private final LoadLock source;
        private final String loadId;

        private TaskLocks(LoadLock source, String loadId) {
            this.source = source;
            this.loadId = loadId;
        }

        /** The load id the run's facts carry. */
        String loadId() {
            return loadId;
        }

        @Override
        public void close() {
            try {
                source.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a prepared folder's lock", e);
            }
        }
    }

    /**
     * Locks {@code prepared/<run>/<source>} for a task and reserves (or reuses) the run's load id: the id of
     * {@code run.json} while no load has used it, else a new one.
     *
     * @throws LoadFailedException when another process prepares the same source of the same run
     */
    static TaskLocks lockForTask(WarehouseStore store, String runId, String source, Clock clock) {
        WarehouseLayout layout = store.layout();
        try (LoadLock run = waitFor(layout.preparedRunLockFile(runId), "run " + runId)) {
            LoadLock own = LoadLock.tryAcquire(layout.preparedSourceLockFile(runId, source)).orElseThrow(() ->
                    new LoadFailedException("another task is ingesting " + source + " for run " + runId + " ("
                            + layout.preparedSourceLockFile(runId, source) + " is held)",
                            "wait for it to finish; a run's source task runs once at a time", null));
            try {
                Optional<PreparedRun> reserved = store.readPreparedRun(runId)
                        .filter(r -> !Files.exists(layout.loadRecordFile(r.loadId())));
                String loadId;
                if (reserved.isPresent()) {
                    loadId = reserved.get().loadId();
                } else {
                    Instant now = clock.instant();
                    loadId = LoadJob.newLoadId(now);
                    store.writePreparedRun(new PreparedRun(runId, loadId, now));
                }
                return new TaskLocks(own, loadId);
            } catch (RuntimeException e) {
                release(own);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + layout.preparedRunLockFile(runId), e);
        }
    }

    private static LoadLock waitFor(Path lockFile, String what) {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            Optional<LoadLock> lock = LoadLock.tryAcquire(lockFile);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (System.nanoTime() > deadline) {
                throw new LoadFailedException("the prepared folder of " + what + " stayed locked for " + LOCK_WAIT
                        .toSeconds() + " s (" + lockFile + ")", "run the task again", null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + lockFile, e);
            }
        }
    }

    /** What the load would ingest a source from; a prepared result is used only when it was made from exactly this. */
    record Expected(String loadId, String previousSnapshotId, String referenceSha256, BigDecimal rejectThreshold,
            LocalDate businessDate, List<LandingFile> files, Supplier<String> pseudonymKeyFingerprint) {}

    /** Why a prepared result cannot be used, or empty when it can. */
    static Optional<String> mismatch(WarehouseLayout layout, PreparedSource prepared, Expected expected) {
        if (!prepared.loadId().equals(expected.loadId())) {
            return Optional.of("it was staged with load id " + prepared.loadId() + ", and this load is "
                    + expected.loadId() + " (that id was used by an earlier attempt)");
        }
        if (!java.util.Objects.equals(prepared.previousSnapshotId(), expected.previousSnapshotId())) {
            return Optional.of("it was ingested on snapshot " + orNone(prepared.previousSnapshotId())
                    + " and the published snapshot is now " + orNone(expected.previousSnapshotId())
                    + " (another load published since)");
        }
        if (!prepared.referenceSha256().equals(expected.referenceSha256())) {
            return Optional.of("the reference data changed since it was ingested");
        }
        if (prepared.rejectThreshold().compareTo(expected.rejectThreshold()) != 0) {
            return Optional.of("it was ingested with reject threshold " + prepared.rejectThreshold().toPlainString()
                    + ", this load has " + expected.rejectThreshold().toPlainString());
        }
        if (!prepared.businessDate().equals(expected.businessDate())) {
            return Optional.of("it was ingested for business date " + prepared.businessDate() + ", this load's is "
                    + expected.businessDate());
        }
        Optional<String> files = differentFiles(prepared.files(), expected.files());
        if (files.isPresent()) {
            return files;
        }
        if (prepared.outcomes().stream().anyMatch(o -> o.status() != FileOutcome.Status.LOADED)) {
            return Optional.of("its ingest did not load every file");
        }
        if (prepared.pseudonymKeyFingerprint() != null
                && !prepared.pseudonymKeyFingerprint().equals(expected.pseudonymKeyFingerprint().get())) {
            return Optional.of("it was pseudonymised with another key (fingerprint "
                    + prepared.pseudonymKeyFingerprint() + ")");
        }
        WarehouseLayout area = new WarehouseLayout(layout.preparedSourceDir(prepared.runId(), prepared.source()));
        for (FactPartition partition : prepared.partitions()) {
            for (String file : partition.files()) {
                if (!Files.isRegularFile(area.resolve(file))) {
                    return Optional.of(area.resolve(file) + " is missing");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> differentFiles(List<PreparedSource.PreparedFile> prepared, List<LandingFile> now) {
        List<PreparedSource.PreparedFile> expected = now.stream()
                .map(f -> new PreparedSource.PreparedFile(f.relativePath(), f.sha256())).toList();
        if (prepared.equals(expected)) {
            return Optional.empty();
        }
        Set<PreparedSource.PreparedFile> before = new HashSet<>(prepared);
        Set<PreparedSource.PreparedFile> after = new HashSet<>(expected);
        List<String> differences = new ArrayList<>();
        expected.stream().filter(f -> !before.contains(f)).forEach(f -> differences.add(f.path()
                + (prepared.stream().anyMatch(p -> p.path().equals(f.path())) ? " changed" : " arrived since")));
        prepared.stream().filter(f -> !after.contains(f) && now.stream().noneMatch(n -> n.relativePath().equals(f.path())))
                .forEach(f -> differences.add(f.path() + " is no longer new"));
        if (differences.isEmpty()) {
            differences.add("the files are read in another order");
        }
        return Optional.of("the new files are not those it ingested: " + String.join(", ", differences));
    }

    private static String orNone(String snapshot) {
        return snapshot == null ? "(none)" : snapshot;
    }

    /**
     * Moves a prepared result into the warehouse as an ingest's commit moves staged files: fact files to the
     * same relative paths (never over an existing file), the quarantine into the load's quarantine folder, and
     * HR's key fingerprint. The load then records the result's partitions and outcomes as its own.
     */
    static void commit(WarehouseLayout layout, PreparedSource prepared) {
        WarehouseLayout area = new WarehouseLayout(layout.preparedSourceDir(prepared.runId(), prepared.source()));
        try {
            boolean restricted = false;
            for (FactPartition partition : prepared.partitions()) {
                for (String file : partition.files()) {
                    Path target = layout.resolve(file);
                    if (!restricted && target.startsWith(layout.restrictedDir())) {
                        RestrictedArea.prepare(layout.restrictedDir());
                        restricted = true;
                    }
                    move(area.resolve(file), target, false);
                }
            }
            Path quarantine = area.quarantineDir(prepared.loadId());
            for (Path file : LeftoverSweep.list(quarantine)) {
                // Data files (part-<n>-<write id>…, and their checksums) have names of their own; Spark's
                // markers (_SUCCESS, ._SUCCESS.crc) are the same for every writer of the folder.
                String name = file.getFileName().toString();
                move(file, layout.quarantineDir(prepared.loadId()).resolve(name),
                        !name.startsWith("part-") && !name.startsWith(".part-"));
            }
            Path fingerprint = area.pseudonymKeyFingerprintFile();
            if (Files.isRegularFile(fingerprint)) {
                RestrictedArea.prepare(layout.restrictedDir());
                move(fingerprint, layout.pseudonymKeyFingerprintFile(), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the prepared " + prepared.source() + " facts of run "
                    + prepared.runId() + " into " + layout.root(), e);
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        Files.createDirectories(to.getParent());
        if (replace) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        // Never replace a file: an earlier load's file may be live in the published snapshot.
        if (Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Removes the prepared folders of runs that are over, under their locks (a folder a task is writing is
     * left alone): a run whose reserved load id a load has used (its load ran), that has no result prepared on
     * the published snapshot (stale: its load ingests itself), whose DAG run is recorded as finished in
     * {@code meta/dag_runs}, or older than {@link #MAX_AGE}.
     *
     * @param keepRunId the run whose load is running now, or null
     * @return how many run folders were removed
     */
    static int sweep(WarehouseStore store, Optional<String> currentSnapshot, String keepRunId, Instant now) {
        WarehouseLayout layout = store.layout();
        List<Path> runs = LeftoverSweep.list(layout.preparedRoot()).stream().filter(Files::isDirectory).toList();
        if (runs.isEmpty()) {
            return 0;
        }
        Set<String> finishedRuns = new HashSet<>();
        for (DagRunRecord record : store.dagRunRecords()) {
            if (record.state().equals("success") || record.state().equals("failed")) {
                finishedRuns.add(WarehouseLayout.preparedRunFolder(record.runId()));
            }
        }
        String keep = keepRunId == null ? null : WarehouseLayout.preparedRunFolder(keepRunId);
        int removed = 0;
        for (Path run : runs) {
            String folder = run.getFileName().toString();
            if (folder.equals(keep)) {
                continue;
            }
            Optional<String> why = over(layout, run, finishedRuns.contains(folder), currentSnapshot, now);
            if (why.isPresent() && removeLocked(run)) {
                LOG.info("removed the prepared ingests of {}: {}", run, why.get());
                removed++;
            }
        }
        return removed;
    }

    /** Releases a lock; a failure to does not matter more than the work done under it. */
    static void release(LoadLock lock) {
        try {
            lock.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot release {}", e.toString());
        }
    }

    /** Removes the prepared folder of a run whose load has run (when no task writes there). */
    static void remove(WarehouseLayout layout, String runId) {
        Path run = layout.preparedRunDir(runId);
        if (Files.isDirectory(run) && !removeLocked(run)) {
            LOG.warn("the prepared ingests of run {} are still being written; the next load removes them", runId);
        }
    }

    private static Optional<String> over(WarehouseLayout layout, Path run, boolean finished,
            Optional<String> currentSnapshot, Instant now) {
        if (finished) {
            return Optional.of("its DAG run has finished");
        }
        Optional<PreparedRun> reserved = WarehouseStore.readPreparedRun(run.resolve(WarehouseLayout.PREPARED_RUN_FILE));
        if (reserved.isEmpty()) {
            return Optional.of("no load id was reserved (a task died while starting)");
        }
        if (Files.exists(layout.loadRecordFile(reserved.get().loadId()))) {
            return Optional.of("load " + reserved.get().loadId() + " ran");
        }
        if (reserved.get().reservedAt().plus(MAX_AGE).isBefore(now)) {
            return Optional.of("older than " + MAX_AGE.toHours() + " h");
        }
        boolean current = false;
        for (Path file : LeftoverSweep.list(run)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json") && !name.equals(WarehouseLayout.PREPARED_RUN_FILE)) {
                Optional<PreparedSource> source = WarehouseStore.readPreparedSource(file);
                current |= source.isPresent()
                        && java.util.Objects.equals(source.get().previousSnapshotId(), currentSnapshot.orElse(null));
            }
        }
        return current ? Optional.empty() : Optional.of("nothing in it was prepared on the published snapshot");
    }

    /** Deletes a run's folder if no task holds any of its locks; false when one does. */
    private static boolean removeLocked(Path run) {
        List<LoadLock> held = new ArrayList<>();
        try {
            Optional<LoadLock> runLock = LoadLock.tryAcquire(run.resolve(WarehouseLayout.PREPARED_RUN_LOCK));
            if (runLock.isEmpty()) {
                return false;
            }
            held.add(runLock.get());
            for (Path file : LeftoverSweep.list(run)) {
                String name = file.getFileName().toString();
                if (name.endsWith(".lock") && !name.equals(WarehouseLayout.PREPARED_RUN_LOCK)) {
                    Optional<LoadLock> lock = LoadLock.tryAcquire(file);
                    if (lock.isEmpty()) {
                        return false;
                    }
                    held.add(lock.get());
                }
            }
            FileTree.delete(run);
            return true;
        } finally {
            for (LoadLock lock : held) {
                try {
                    lock.close();
                } catch (IOException | RuntimeException gone) {
                    // its file went with the folder
                }
            }
        }
    }
}
