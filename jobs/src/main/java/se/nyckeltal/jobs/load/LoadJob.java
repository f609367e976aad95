package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.LoadedFile;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.StageTimer;
import se.nyckeltal.schemas.warehouse.StaleSnapshotException;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

/**
 * One load: every new file in the landing zone → validated facts → a new catalogue, published
 * atomically, or nothing published at all (SPEC §3, §4, §6). The published catalogue before a
 * failed load stays exactly as it was.
 *
 * <p>One verb per step: <b>stage</b> each source's facts as Parquet under {@code staging/};
 * <b>commit</b> them into {@code facts/} (both inside a source's ingest, commit only when all its
 * files are valid); <b>build</b> the DuckDB catalogue of the next snapshot; <b>publish</b> it by
 * swapping the current pointer — a compare-and-swap against the snapshot the load started from,
 * so a load never replaces a snapshot it did not build on.
 */
public final class LoadJob {
    private static final Logger LOG = LoggerFactory.getLogger(LoadJob.class);
    private static final DateTimeFormatter LOAD_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int STEPS = 6;

    private final LoadSettings settings;
    private final Supplier<SparkSession> spark;
    private final Clock clock;
    private final LoadProgress progress;

    /**
     * @param spark started only when there is something to parse
     * @param clock stamps load ids and meta.loads; never used as a business date
     */
    public LoadJob(LoadSettings settings, Supplier<SparkSession> spark, Clock clock, LoadProgress progress) {
        this.settings = requireNonNull(settings, "settings");
        this.spark = requireNonNull(spark, "spark");
        this.clock = requireNonNull(clock, "clock");
        this.progress = requireNonNull(progress, "progress");
    }

    /** @throws LoadFailedException when nothing was published; the previous catalogue is untouched */
    public LoadRecord run() {
        if (!Files.isDirectory(settings.landing())) {
            throw new LoadFailedException("landing folder " + settings.landing() + " does not exist",
                    "point --landing at the folder that holds ledger/ (and production/, hr/, reference/)", null);
        }
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        try {
            Files.createDirectories(layout.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create warehouse folder " + layout.root(), e);
        }
        try (FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel, layout)) {
            return runLocked(layout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + layout.lockFile(), e);
        }
    }

    private LoadRecord runLocked(WarehouseLayout layout) {
        Instant started = clock.instant();
        StageTimer stages = new StageTimer();
        String loadId = LOAD_ID.format(started) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
        WarehouseStore store = new WarehouseStore(layout);
        LandingHashes hashes = LandingHashes.load(layout.landingHashesFile());
        LandingZone landing = new LandingZone(settings.landing(), hashes);
        Optional<Snapshot> published = store.publishedSnapshot();
        Snapshot previous = published.orElse(Snapshot.empty());
        FileTree.delete(layout.stagingRoot()); // leftovers of a crashed load

        progress.step("reading reference data", 0, STEPS);
        List<String> missing = landing.missingRequiredReference();
        if (!missing.isEmpty()) {
            throw fail(store, loadId, started, List.of(), MissingReference.message(landing, missing),
                    MissingReference.hint(landing));
        }
        ReferenceData reference;
        try {
            reference = ReferenceData.load(landing.referenceDir());
        } catch (ExtractFormatException e) {
            throw fail(store, loadId, started, List.of(), "reference data: " + e.getMessage(),
                    "fix the file in " + landing.referenceFolder() + " (" + MissingReference.OPTIONAL
                            + " may also be removed to use the defaults)");
        }
        boolean referenceChanged = !reference.equals(previousReference(layout, previous));
        stages.lap("reference");

        progress.step("finding new files", 1, STEPS);
        List<FileOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<SourceKind, List<LandingFile>> newFiles = new EnumMap<>(SourceKind.class);
        for (SourceKind source : SourceKind.values()) {
            if (SourceIngests.SUPPORTED.contains(source)) {
                newFiles.put(source, newFiles(landing, source, previous, outcomes, notes));
            } else {
                int waiting = landing.list(source).files().size(); // one listing: it hashes every file
                if (waiting > 0) {
                    notes.add(waiting + " file(s) in " + source.folder() + "/ not loaded: this version does not read "
                            + source.folder() + " extracts yet");
                }
            }
        }
        notes.forEach(LOG::warn);
        hashes.save();
        stages.lap("listing");
        int fileCount = newFiles.values().stream().mapToInt(List::size).sum();
        boolean nothingPublished = published.isEmpty();

        if (fileCount == 0 && !referenceChanged && !nothingPublished) {
            LoadRecord record = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.NOTHING_NEW,
                    previous.snapshotId(), settings.landing().toString(),
                    join("nothing new to load; the published catalogue is unchanged", notes), outcomes, stages.millis());
            store.writeLoadRecord(record);
            progress.step("nothing new", STEPS, STEPS);
            return record;
        }
        if (fileCount == 0 && nothingPublished && outcomes.isEmpty()) {
            throw fail(store, loadId, started, outcomes, "no files to load in " + settings.landing(),
                    "put extracts in " + settings.landing().resolve("ledger") + " (CSV or SIE), see SPEC §3");
        }

        progress.step("staging facts of " + fileCount + " file(s)", 2, STEPS);
        List<FactPartition> partitions = stageAndCommit(layout, loadId, reference, previous, referenceChanged, newFiles,
                outcomes, stages);
        List<FileOutcome> rejected = outcomes.stream().filter(o -> o.status() == FileOutcome.Status.REJECTED).toList();
        if (!rejected.isEmpty()) {
            String files = rejected.stream().map(o -> o.path() + ": " + o.message()).collect(Collectors.joining("\n  "));
            throw fail(store, loadId, started, outcomes, stages, "load refused, nothing published:\n  " + files,
                    "fix or re-export the file(s) named above and run the load again; rejected rows are in "
                            + layout.quarantineDir(loadId));
        }

        progress.step("building the catalogue", 3, STEPS);
        List<LoadedFile> loaded = outcomes.stream()
                .filter(o -> o.status() == FileOutcome.Status.LOADED)
                .map(o -> new LoadedFile(o.sha256(), o.path(), loadId))
                .toList();
        String referenceDir = layout.relative(layout.referenceDir(loadId));
        reference.writeCanonical(layout.referenceDir(loadId));
        Snapshot next = previous.with(loadId, clock.instant(), loadId, partitions, loaded, referenceDir);
        LoadRecord record = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.PUBLISHED, loadId,
                settings.landing().toString(), join(summary(outcomes), notes), outcomes, stages.millis());
        store.writeLoadRecord(record);
        CataloguePublisher catalogue = new CataloguePublisher(layout);
        Optional<String> base = published.map(Snapshot::snapshotId);
        try {
            catalogue.build(base, next, reference, store.loadRecords());
            stages.lap("build");
            progress.step("publishing snapshot " + loadId, 4, STEPS);
            catalogue.publish(base, loadId);
        } catch (StaleSnapshotException e) {
            throw fail(store, loadId, started, outcomes, stages, "publish refused: " + e.getMessage()
                    + " (another load published while this one ran)",
                    "run the load again: it builds on the snapshot published now and reloads only what that lacks");
        } catch (RuntimeException e) {
            LoadRecord failed = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.FAILED, null,
                    settings.landing().toString(), "publishing failed: " + e.getMessage(), outcomes, stages.millis());
            store.writeLoadRecord(failed);
            throw e;
        }
        stages.lap("publish");

        progress.step("cleaning up superseded fact files", 5, STEPS);
        new FactFileCleaner(layout, store).removeUnreferenced();
        stages.lap("cleanup");
        // Again, now with the publish and clean-up times (the catalogue shows the record as it was).
        record = new LoadRecord(record.loadId(), record.startedAt(), record.finishedAt(), record.outcome(),
                record.snapshotId(), record.landing(), record.message(), record.files(), stages.millis());
        store.writeLoadRecord(record);
        progress.step("published " + loadId, STEPS, STEPS);
        return record;
    }

    /**
     * Stage and commit: each source's ingest writes its facts as Parquet under {@code staging/} and,
     * when every file of the source is valid, moves the partitions into {@code facts/}. Committed
     * partitions are read by no one until a published snapshot lists them.
     *
     * @return the committed partitions; {@code outcomes} gets one outcome per file
     */
    private List<FactPartition> stageAndCommit(WarehouseLayout layout, String loadId, ReferenceData reference,
            Snapshot previous, boolean referenceChanged, Map<SourceKind, List<LandingFile>> newFiles,
            List<FileOutcome> outcomes, StageTimer stages) {
        List<FactPartition> partitions = new ArrayList<>();
        SparkSession session = spark.get();
        stages.lap("spark_start");
        Map<SourceKind, SourceIngest> ingests = SourceIngests.create(session,
                new IngestSettings(settings.rejectThreshold()), reference, previous, settings.pseudonymKeyFile());
        for (SourceIngest ingest : ingests.values()) {
            List<LandingFile> files = newFiles.getOrDefault(ingest.source(), List.of());
            if (files.isEmpty() && !referenceChanged) {
                continue;
            }
            IngestResult result = ingest.ingest(files, layout, loadId);
            outcomes.addAll(result.outcomes());
            partitions.addAll(result.partitions());
            stages.lap("ingest." + ingest.source().folder());
        }
        return partitions;
    }

    /** New files of a source: content not published before and not repeated within this load. */
    private static List<LandingFile> newFiles(LandingZone landing, SourceKind source, Snapshot previous,
            List<FileOutcome> outcomes, List<String> notes) {
        LandingZone.Listing listing = landing.list(source);
        listing.unsupported().forEach(path -> notes.add(path + " skipped: not a CSV (.csv/.txt/.tsv)"
                + (source == SourceKind.LEDGER ? " or SIE (.se/.si/.sie)" : "") + " file"));
        Set<String> published = previous.loadedHashes();
        Set<String> seen = new HashSet<>();
        List<LandingFile> fresh = new ArrayList<>();
        for (LandingFile file : listing.files()) {
            if (published.contains(file.sha256())) {
                outcomes.add(FileOutcome.skipped(source.folder(), file.relativePath(), file.sha256(),
                        FileOutcome.Status.SKIPPED_ALREADY_LOADED, "same content already published"));
            } else if (!seen.add(file.sha256())) {
                outcomes.add(FileOutcome.skipped(source.folder(), file.relativePath(), file.sha256(),
                        FileOutcome.Status.SKIPPED_DUPLICATE, "same content as an earlier file of this load"));
            } else {
                fresh.add(file);
            }
        }
        return fresh;
    }

    private static ReferenceData previousReference(WarehouseLayout layout, Snapshot previous) {
        if (previous.referenceDir() == null || !Files.isDirectory(layout.resolve(previous.referenceDir()))) {
            return null;
        }
        return ReferenceData.load(layout.resolve(previous.referenceDir()));
    }

    private LoadFailedException fail(WarehouseStore store, String loadId, Instant started, List<FileOutcome> outcomes,
            String message, String hint) {
        return fail(store, loadId, started, outcomes, new StageTimer(), message, hint);
    }

    private LoadFailedException fail(WarehouseStore store, String loadId, Instant started, List<FileOutcome> outcomes,
            StageTimer stages, String message, String hint) {
        LoadRecord record = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.FAILED, null,
                settings.landing().toString(), message, outcomes, stages.millis());
        store.writeLoadRecord(record);
        return new LoadFailedException(message, hint, record);
    }

    private static String summary(List<FileOutcome> outcomes) {
        long loaded = outcomes.stream().filter(o -> o.status() == FileOutcome.Status.LOADED).count();
        long rows = outcomes.stream().mapToLong(FileOutcome::rowsLoaded).sum();
        long quarantined = outcomes.stream().mapToLong(FileOutcome::rowsQuarantined).sum();
        long skipped = outcomes.size() - loaded;
        return loaded + " file(s) loaded (" + rows + " rows, " + quarantined + " quarantined), " + skipped + " skipped";
    }

    private static String join(String message, List<String> notes) {
        return notes.isEmpty() ? message : message + "; " + String.join("; ", notes);
    }

    private static FileLock tryLock(FileChannel channel, WarehouseLayout layout) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new LoadFailedException("another load is running on " + layout.root(),
                    "wait for it to finish (it holds " + layout.lockFile() + ")", null);
        }
        return lock;
    }
}
