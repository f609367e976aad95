package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.LineGuard;
import se.nyckeltal.etl.hr.PseudonymKeySource;
import se.nyckeltal.etl.storage.StoreLocationException;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.PreparedSource;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * One source's new deliveries through that source's real ingest, staged for the DAG run's load: the same
 * parsing, validation, reject threshold, business date and pseudonym key as the load, on the published
 * snapshot, with the load id reserved for the run — written under {@code W/prepared/<run>/<source>/}
 * (nothing else of the warehouse changes, and the warehouse lock is not taken), with a record of what it was
 * made from. The run's load commits it instead of parsing the files again when nothing has changed since
 * ({@link PreparedIngests}); a file that would be refused fails the task, and nothing is kept.
 */
public final class SourcePreparation {
    /**
     * What the task found; {@code supported} is false for a source this version does not load.
     *
     * @param prepared whether the result was kept for the load (false: the load ingests the source itself)
     */
    public record Result(SourceKind source, boolean supported, int waitingFiles, List<FileOutcome> outcomes,
            List<String> notes, boolean prepared, Path folder) {
        public boolean anyRejected() {
            return outcomes.stream().anyMatch(o -> o.status() == FileOutcome.Status.REJECTED);
        }
    }

    private SourcePreparation() {}

    public static boolean supported(SourceKind source) {
        return SourceIngests.SUPPORTED.contains(source);
    }

    /**
     * @param settings the load's settings: reject threshold, business date, landing rules, pseudonym key file
     * @param runId the DAG run whose load commits the result
     * @throws LoadFailedException when the landing zone or the reference data cannot be read
     */
    public static Result run(SourceKind source, LoadSettings settings, String runId, Supplier<SparkSession> spark,
            Clock clock) {
        requireNonNull(source, "source");
        requireNonNull(runId, "runId");
        try {
            StorePaths.requireReachable(settings.landing(), "landing");
            StorePaths.requireReachable(settings.warehouse(), "warehouse");
        } catch (StoreLocationException e) {
            throw new LoadFailedException(e.getMessage(), "fix the location and run the task again", null, e);
        }
        if (!Files.isDirectory(settings.landing())) {
            throw new LoadFailedException("landing folder " + settings.landing() + " does not exist",
                    "point --landing at the folder that holds ledger/ (and production/, hr/, reference/)", null);
        }
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        WarehouseStore store = new WarehouseStore(layout);
        Instant now = clock.instant();
        boolean warehouseExists = Files.isDirectory(layout.root());
        // The load's remembered hashes, read only: the load keeps that file.
        LandingHashes hashes = warehouseExists ? LandingHashes.load(layout.landingHashesFile()) : LandingHashes.none();
        LandingZone landing = new LandingZone(settings.landing(), hashes,
                new LandingZone.Readiness(settings.minFileAge(), settings.doneMarkers(), now));
        LandingZone.Listing listing = landing.list(source);
        List<String> notes = new ArrayList<>();
        listing.unsupported().forEach(path -> notes.add(path + " will be skipped by the load: not an extract file"));
        listing.waiting().forEach(w -> notes.add(w.relativePath() + " waits for a later run: " + w.reason()));
        listing.refused().forEach(r -> notes.add(r.reason()));
        if (!supported(source)) {
            return new Result(source, false, listing.files().size(), List.of(), notes, false, null);
        }
        Optional<Snapshot> published = warehouseExists ? store.publishedSnapshot() : Optional.empty();
        Snapshot previous = published.orElse(Snapshot.empty());
        Set<String> loaded = previous.loadedHashes();
        Set<String> seen = new HashSet<>();
        List<LandingFile> fresh = new ArrayList<>();
        for (LandingFile file : listing.files()) {
            if (!loaded.contains(file.sha256()) && seen.add(file.sha256())) {
                fresh.add(file);
            }
        }
        if (fresh.isEmpty()) {
            return new Result(source, true, 0, List.of(), notes, false, null);
        }
        List<String> missing = landing.missingRequiredReference();
        if (!missing.isEmpty()) {
            throw new LoadFailedException(MissingReference.message(landing, missing), MissingReference.hint(landing), null);
        }
        ReferenceData reference;
        try {
            reference = ReferenceData.load(landing.referenceDir());
        } catch (ExtractFormatException e) {
            throw new LoadFailedException("reference data: " + e.getMessage(), "fix the file in "
                    + landing.referenceFolder() + " (" + MissingReference.OPTIONAL + " may also be removed to use the"
                    + " defaults)", null);
        }
        LocalDate businessDate = settings.businessDate() != null ? settings.businessDate()
                : LocalDate.ofInstant(now, ZoneOffset.UTC);
        Path folder = layout.preparedSourceDir(runId, source.folder());
        try (PreparedIngests.TaskLocks locks = PreparedIngests.lockForTask(store, runId, source.folder(), clock)) {
            // An earlier attempt's result goes first: its record, then its files.
            FileTree.delete(layout.preparedSourceFile(runId, source.folder()));
            FileTree.delete(folder);
            boolean kept = false;
            try {
                IngestResult result = SourceIngests.create(source, spark.get(), new IngestSettings(
                        settings.rejectThreshold(), LineGuard.forBusinessDate(businessDate)), reference, previous,
                        settings.pseudonymKeyFile()).ingest(fresh, layout, new WarehouseLayout(folder), locks.loadId());
                if (result.anyRejected()) {
                    return new Result(source, true, fresh.size(), result.outcomes(), notes, false, null);
                }
                List<String> changed = fresh.stream().filter(f -> hashes.changedSinceHashed(f.path()))
                        .map(LandingFile::relativePath).toList();
                if (!changed.isEmpty()) {
                    notes.add(String.join(", ", changed) + " changed while read (size or modification time): nothing"
                            + " is kept, the load reads the files itself");
                    return new Result(source, true, fresh.size(), result.outcomes(), notes, false, null);
                }
                hashes.writeEntries(layout.preparedLandingHashesFile(runId, source.folder()),
                        fresh.stream().map(LandingFile::path).toList());
                String keyFingerprint = source == SourceKind.HR
                        ? PseudonymKeySource.fromEnvironment(settings.pseudonymKeyFile()).resolve(layout).fingerprint()
                        : null;
                store.writePreparedSource(new PreparedSource(runId, source.folder(), locks.loadId(), now,
                        published.map(Snapshot::snapshotId).orElse(null), reference.canonicalSha256(),
                        settings.rejectThreshold(), businessDate, keyFingerprint,
                        fresh.stream().map(f -> new PreparedSource.PreparedFile(f.relativePath(), f.sha256())).toList(),
                        result.outcomes(), result.partitions()));
                kept = true;
                return new Result(source, true, fresh.size(), result.outcomes(), notes, true, folder);
            } finally {
                if (!kept) {
                    FileTree.delete(folder);
                }
            }
        }
    }
}
