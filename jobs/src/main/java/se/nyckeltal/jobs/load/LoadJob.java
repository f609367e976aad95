package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.etl.extract.IngestResult;
import se.nyckeltal.etl.extract.IngestSettings;
import se.nyckeltal.etl.extract.LineGuard;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.extract.SourceIngest;
import se.nyckeltal.etl.hr.PseudonymKeySource;
import se.nyckeltal.etl.storage.StoreLocationException;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.text.ExtractFormatException;
import se.nyckeltal.schemas.warehouse.FactFileDigest;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FaultPoint;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.LoadedFile;
import se.nyckeltal.schemas.warehouse.PreparedRun;
import se.nyckeltal.schemas.warehouse.PreparedSource;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.StageTimer;
import se.nyckeltal.schemas.warehouse.StaleSnapshotException;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;
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
    /** A load id's four hex digits hold 65 values per millisecond of its second: 1000 × 65 ≤ 16⁴. */
    private static final int WITHIN_MILLISECOND = 65;
    private static final int STEPS = 6;

    private final LoadSettings settings;
    private final Supplier<SparkSession> spark;
    private final Consumer<SparkSession> afterIngest;
    private final Clock clock;
    private final LoadProgress progress;

    /**
     * @param spark started only when there is something to parse
     * @param clock stamps load ids and meta.loads; never used as a business date
     */
    public LoadJob(LoadSettings settings, Supplier<SparkSession> spark, Clock clock, LoadProgress progress) {
        this(settings, spark, session -> {}, clock, progress);
    }

    /**
     * @param afterIngest given the session once every source is ingested, before the catalogue build, if one
     *     was started: a JVM of its own stops it there ({@link SparkHandOff}) so that DuckDB has its memory
     */
    public LoadJob(LoadSettings settings, Supplier<SparkSession> spark, Consumer<SparkSession> afterIngest,
            Clock clock, LoadProgress progress) {
        this.settings = requireNonNull(settings, "settings");
        this.spark = requireNonNull(spark, "spark");
        this.afterIngest = requireNonNull(afterIngest, "afterIngest");
        this.clock = requireNonNull(clock, "clock");
        this.progress = requireNonNull(progress, "progress");
    }

    /** @throws LoadFailedException when nothing was published; the previous catalogue is untouched */
    public LoadRecord run() {
        try {
            StorePaths.requireReachable(settings.landing(), "landing");
            StorePaths.requireReachable(settings.warehouse(), "warehouse");
        } catch (StoreLocationException e) {
            throw new LoadFailedException(e.getMessage(), "nothing was loaded; fix the location and run the load again",
                    null, e);
        }
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
        try (LoadLock lock = LoadLock.acquire(layout)) {
            return runLocked(layout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + layout.lockFile(), e);
        }
    }

    /**
     * A new load id: the time to the second, then four hex digits that order the loads of one second as they started
     * (the millisecond × 65) and tell two of one millisecond apart (plus 0–64 at random). Ids sort as loads happened:
     * a comment's delivery ({@code <load id>.<nnn>}) in force is the one of the latest load.
     */
    static String newLoadId(Instant at) {
        int withinSecond = at.get(ChronoField.MILLI_OF_SECOND) * WITHIN_MILLISECOND
                + ThreadLocalRandom.current().nextInt(WITHIN_MILLISECOND);
        return LOAD_ID.format(at) + "-" + String.format("%04x", withinSecond);
    }

    private LoadRecord runLocked(WarehouseLayout layout) {
        Instant started = clock.instant();
        WarehouseStore store = new WarehouseStore(layout);
        // The facts a DAG run's source tasks staged carry the load id they reserved for the run's load.
        String loadId = settings.preparedRun() == null ? null : store.readPreparedRun(settings.preparedRun())
                .map(PreparedRun::loadId).filter(id -> !Files.exists(layout.loadRecordFile(id))).orElse(null);
        if (loadId == null) {
            loadId = newLoadId(started);
        }
        try {
            return runLocked(layout, store, loadId, started);
        } finally {
            if (settings.preparedRun() != null) {
                PreparedIngests.remove(layout, settings.preparedRun()); // used or stale now: the load id is taken
            }
        }
    }

    private LoadRecord runLocked(WarehouseLayout layout, WarehouseStore store, String loadId, Instant started) {
        // We hold the warehouse lock: a load still RUNNING died, and what loads left behind is dead.
        new DeadLoads(store).record(loadId, started);
        new LeftoverSweep(layout, store).sweep(settings.preparedRun());
        JvmScratch.removeDeadProcessTemps();
        store.writeLoadRecord(running(loadId, started, List.of(), "running"));
        List<FileOutcome> outcomes = new ArrayList<>();
        StageTimer stages = new StageTimer();
        SparkStart sparkStart = new SparkStart(spark);
        try {
            return load(layout, store, loadId, started, outcomes, stages, sparkStart);
        } catch (LoadFailedException e) {
            if (e.record() != null) {
                throw e;
            }
            throw fail(store, loadId, started, outcomes, stages, e.getMessage(), e.hint());
        } catch (RuntimeException | Error e) {
            LoadFault fault = LoadFault.of(e, layout);
            FileTree.delete(layout.stagingDir(loadId)); // frees the space a full disk needs for the record
            LoadRecord failed = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.FAILED, null,
                    settings.landing().toString(), fault.message(),
                    outcomes.stream().map(FileOutcome::notPublished).toList(), stages.millis());
            try {
                store.writeLoadRecord(failed);
            } catch (RuntimeException notWritten) {
                e.addSuppressed(notWritten); // the record stays RUNNING; the next load records it as failed
            }
            if (e instanceof Error error && !fault.known()) {
                throw error;
            }
            throw new LoadFailedException(fault.message(), fault.hint(), failed, e);
        } finally {
            // Started while listing, but the load ended before its ingest: handed off as an ingest's would be.
            sparkStart.startedButNotTaken().ifPresent(afterIngest);
        }
    }

    private LoadRecord load(WarehouseLayout layout, WarehouseStore store, String loadId, Instant started,
            List<FileOutcome> outcomes, StageTimer stages, SparkStart sparkStart) {
        // A DAG run's load also takes the hashes its source tasks computed for the files they staged.
        List<Path> staged = settings.preparedRun() == null ? List.of() : java.util.Arrays.stream(SourceKind.values())
                .map(source -> layout.preparedLandingHashesFile(settings.preparedRun(), source.folder())).toList();
        LandingHashes hashes = LandingHashes.load(layout.landingHashesFile(), staged);
        LandingZone landing = new LandingZone(settings.landing(), hashes,
                new LandingZone.Readiness(settings.minFileAge(), settings.doneMarkers(), started));
        Optional<Snapshot> published = store.publishedSnapshot();
        Snapshot previous = published.orElse(Snapshot.empty());
        // DuckDB reads local files only: a warehouse on a Hadoop store builds its catalogue in a local mirror.
        WarehouseMirror mirror = StorePaths.remote(layout.root()) ? new WarehouseMirror(layout, new WarehouseLayout(
                settings.localMirror() != null ? settings.localMirror() : WarehouseMirror.defaultFolder(layout.root())))
                : null;
        if (mirror != null) {
            published.ifPresent(p -> mirror.pull(p.snapshotId()));
        }
        WarehouseLayout catalogueLayout = mirror != null ? mirror.local() : layout;
        Optional<String> broken = published.flatMap(p -> Catalogue.problem(catalogueLayout, p.snapshotId()));
        broken.ifPresent(problem -> LOG.warn("the published snapshot {} is broken: {}; rebuilding its catalogue",
                previous.snapshotId(), problem));

        progress.step("reading reference data", 0, STEPS);
        List<String> linksOut = landing.referenceLinksOutside();
        if (!linksOut.isEmpty()) {
            throw fail(store, loadId, started, List.of(), "reference file(s) " + String.join(", ", linksOut)
                    + " are symbolic links leading outside the landing zone; refused",
                    "copy the reference files into " + landing.referenceFolder() + " instead of linking them");
        }
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
        List<String> notes = new ArrayList<>();
        Map<SourceKind, List<LandingFile>> newFiles = new EnumMap<>(SourceKind.class);
        for (SourceKind source : SourceKind.values()) {
            if (SourceIngests.SUPPORTED.contains(source)) {
                newFiles.put(source, newFiles(landing, source, previous, settings.rederive(), outcomes, notes));
                // A file to parse: Spark starts while the rest of the landing is listed. Not for a DAG run's load,
                // whose sources its tasks usually ingested already.
                if (!newFiles.get(source).isEmpty() && settings.preparedRun() == null) {
                    sparkStart.startInBackground();
                }
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

        if (fileCount == 0 && !referenceChanged && !nothingPublished && broken.isEmpty()) {
            LoadRecord record = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.NOTHING_NEW,
                    previous.snapshotId(), settings.landing().toString(),
                    join("nothing new to load; the published catalogue is unchanged", notes), outcomes, stages.millis());
            store.writeLoadRecord(record);
            progress.step("nothing new", STEPS, STEPS);
            return record;
        }
        if (fileCount == 0 && nothingPublished) {
            throw fail(store, loadId, started, outcomes, join("no files to load in " + settings.landing(), notes),
                    "put extracts in " + settings.landing().resolve("ledger") + " (CSV or SIE), see SPEC §3");
        }

        List<String> preparedNotes = new ArrayList<>();
        List<LoadLock> preparedLocks = new ArrayList<>();
        List<FactPartition> partitions;
        try {
            Map<SourceKind, PreparedSource> prepared = usablePrepared(layout, store, loadId,
                    published.map(Snapshot::snapshotId).orElse(null), reference, newFiles, preparedNotes, preparedLocks);
            progress.step("staging facts of " + fileCount + " file(s)"
                    + (preparedNotes.isEmpty() ? "" : " (" + String.join("; ", preparedNotes) + ")"), 2, STEPS);
            partitions = fileCount == 0 && !referenceChanged ? List.of()
                    : stageAndCommit(layout, loadId, reference, previous, referenceChanged, newFiles, prepared, outcomes,
                            stages, sparkStart);
        } finally {
            preparedLocks.forEach(PreparedIngests::release);
        }
        partitions = withoutFilesChangedMeanwhile(hashes, partitions, outcomes, notes);
        List<FileOutcome> rejected = outcomes.stream().filter(o -> o.status() == FileOutcome.Status.REJECTED).toList();
        if (!rejected.isEmpty()) {
            String files = rejected.stream().map(o -> o.path() + ": " + o.message()).collect(Collectors.joining("\n  "));
            throw fail(store, loadId, started, outcomes, stages, "load refused, nothing published:\n  " + files,
                    "fix or re-export the file(s) named above and run the load again; rejected rows are in "
                            + layout.quarantineDir(loadId));
        }
        FaultPoint.reach(FaultPoint.COMMITTED);

        progress.step("building the catalogue", 3, STEPS);
        List<LoadedFile> loaded = outcomes.stream()
                .filter(o -> o.status() == FileOutcome.Status.LOADED)
                .map(o -> new LoadedFile(o.sha256(), o.path(), loadId))
                .toList();
        String referenceDir = layout.relative(layout.referenceDir(loadId));
        reference.writeCanonical(layout.referenceDir(loadId));
        Map<String, FactFileDigest> digests = partitions.parallelStream().flatMap(p -> p.files().stream()).distinct()
                .collect(Collectors.toConcurrentMap(f -> f, f -> FactFileDigest.of(layout.resolve(f))));
        Snapshot next = previous.with(loadId, clock.instant(), loadId, partitions, loaded, referenceDir)
                .withFactFiles(digests);
        String summary = join(summary(outcomes), notes);
        if (broken.isPresent()) {
            summary = join("snapshot " + previous.snapshotId() + " was broken (" + broken.get()
                    + "): its catalogue is rebuilt from the facts", List.of(summary));
        }
        // On disk the record says RUNNING until the snapshot is current; the catalogue shows the record it
        // will have once it is (it is only ever read when it is).
        store.writeLoadRecord(running(loadId, started, outcomes, summary));
        LoadRecord record = new LoadRecord(loadId, started, clock.instant(), LoadRecord.Outcome.PUBLISHED, loadId,
                settings.landing().toString(), summary, outcomes, stages.millis());
        CataloguePublisher catalogue = new CataloguePublisher(layout);
        Optional<String> base = published.map(Snapshot::snapshotId);
        try {
            if (mirror != null) {
                mirror.copyFiles(next);
                new CataloguePublisher(mirror.local()).build(base, next, reference,
                        withRecord(store.loadRecords(), record));
                mirror.push(next);
            } else {
                catalogue.build(base, next, reference, withRecord(store.loadRecords(), record));
            }
            stages.lap("build");
            progress.step("publishing snapshot " + loadId, 4, STEPS);
            catalogue.publish(base, loadId);
            if (mirror != null) {
                mirror.publishLocally(loadId);
            }
        } catch (StaleSnapshotException e) {
            throw fail(store, loadId, started, outcomes, stages, "publish refused: " + e.getMessage()
                    + " (another load published while this one ran)",
                    "run the load again: it builds on the snapshot published now and reloads only what that lacks");
        }
        FaultPoint.reach(FaultPoint.SWAPPED);
        store.writeLoadRecord(record);
        stages.lap("publish");

        progress.step("cleaning up superseded fact files", 5, STEPS);
        new LeftoverSweep(layout, store).sweep(null);
        stages.lap("cleanup");
        // Again, now with the publish and clean-up times and the time the load really ended (the catalogue, built
        // before it ended, shows the record as it was then; later catalogues show this one).
        record = new LoadRecord(record.loadId(), record.startedAt(), clock.instant(), record.outcome(),
                record.snapshotId(), record.landing(), record.message(), record.files(), stages.millis());
        store.writeLoadRecord(record);
        progress.step("published " + loadId, STEPS, STEPS);
        return record;
    }

    /**
     * Files whose size or modification time changed since they were hashed (listing) are not loaded: the
     * bytes parsed may not be the bytes hashed. Their partitions are dropped and their outcome says they
     * wait for the next load. Should such a file share a partition with another file of this load (the
     * later one replaced the earlier one's rows while staging), dropping it would lose the earlier one's
     * rows too: then the load fails and is simply run again.
     */
    private List<FactPartition> withoutFilesChangedMeanwhile(LandingHashes hashes, List<FactPartition> partitions,
            List<FileOutcome> outcomes, List<String> notes) {
        List<FactPartition> kept = new ArrayList<>(partitions);
        for (int i = 0; i < outcomes.size(); i++) {
            FileOutcome outcome = outcomes.get(i);
            if (outcome.status() != FileOutcome.Status.LOADED
                    || !hashes.changedSinceHashed(settings.landing().resolve(outcome.path()))) {
                continue;
            }
            boolean shared = outcomes.stream().anyMatch(other -> other != outcome
                    && other.status() == FileOutcome.Status.LOADED
                    && other.partitions().stream().anyMatch(outcome.partitions()::contains));
            if (shared) {
                throw new LoadFailedException(outcome.path() + " changed while the load read it (size or"
                        + " modification time); nothing was published",
                        "run the load again once the file is complete (see --min-file-age and --done-markers)", null);
            }
            kept.removeIf(p -> p.sourceFile().equals(outcome.path()));
            String reason = "changed while the load read it (size or modification time): it waits for the next load";
            outcomes.set(i, FileOutcome.skipped(outcome.source(), outcome.path(), null, FileOutcome.Status.WAITING,
                    reason));
            notes.add(outcome.path() + " " + reason);
        }
        return kept;
    }

    /** The business date: a DAG run's, else today (UTC) for a manual load. */
    private LocalDate businessDate() {
        return settings.businessDate() != null ? settings.businessDate()
                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private LoadRecord running(String loadId, Instant started, List<FileOutcome> outcomes, String message) {
        return new LoadRecord(loadId, started, null, LoadRecord.Outcome.RUNNING, null, settings.landing().toString(),
                message, outcomes);
    }

    /** The load records with this load's own replaced by {@code own}. */
    private static List<LoadRecord> withRecord(List<LoadRecord> records, LoadRecord own) {
        List<LoadRecord> all = new ArrayList<>(records.stream().filter(r -> !r.loadId().equals(own.loadId())).toList());
        all.add(own);
        return all;
    }

    /**
     * The results the DAG run's source tasks prepared for this load ({@link LoadSettings#preparedRun}) that were
     * made from exactly what this load ingests from, locked until they are committed; for every source with new
     * files, {@code notes} says which way it goes and why.
     */
    private Map<SourceKind, PreparedSource> usablePrepared(WarehouseLayout layout, WarehouseStore store, String loadId,
            String previousSnapshotId, ReferenceData reference, Map<SourceKind, List<LandingFile>> newFiles,
            List<String> notes, List<LoadLock> locks) {
        Map<SourceKind, PreparedSource> usable = new EnumMap<>(SourceKind.class);
        String run = settings.preparedRun();
        if (run == null) {
            return usable;
        }
        String referenceSha256 = reference.canonicalSha256();
        // Resolved only for a prepared HR result, as HR's ingest resolves it.
        String[] keyFingerprint = new String[1];
        Supplier<String> key = () -> {
            if (keyFingerprint[0] == null) {
                keyFingerprint[0] = PseudonymKeySource.fromEnvironment(settings.pseudonymKeyFile()).resolve(layout)
                        .fingerprint();
            }
            return keyFingerprint[0];
        };
        for (Map.Entry<SourceKind, List<LandingFile>> entry : newFiles.entrySet()) {
            String source = entry.getKey().folder();
            Optional<PreparedSource> record = store.readPreparedSource(run, source);
            if (record.isEmpty()) {
                if (!entry.getValue().isEmpty()) {
                    notes.add(source + ": ingested here, nothing was prepared for it");
                }
                continue;
            }
            Optional<LoadLock> lock = LoadLock.tryAcquire(layout.preparedSourceLockFile(run, source));
            Optional<String> mismatch = lock.isEmpty() ? Optional.of("its task is still writing it")
                    : PreparedIngests.mismatch(layout, record.get(), new PreparedIngests.Expected(loadId,
                            previousSnapshotId, referenceSha256, settings.rejectThreshold(), businessDate(),
                            entry.getValue(), key));
            if (mismatch.isPresent()) {
                lock.ifPresent(PreparedIngests::release);
                String note = source + ": ingested here, not from what run " + run + " prepared: " + mismatch.get();
                LOG.warn(note);
                notes.add(note);
                continue;
            }
            locks.add(lock.get());
            usable.put(entry.getKey(), record.get());
            String note = source + ": " + entry.getValue().size() + " file(s) committed as ingested by run " + run
                    + "'s task, not parsed again";
            LOG.info(note);
            notes.add(note);
        }
        return usable;
    }

    /**
     * Stage and commit: each source's ingest writes its facts as Parquet under {@code staging/} and,
     * when every file of the source is valid, moves the partitions into {@code facts/}; a source the DAG
     * run's task ingested already is committed from {@code prepared/} the same way, and Spark starts only
     * for the others. Committed partitions are read by no one until a published snapshot lists them. The
     * sources of a small delivery are ingested side by side ({@link SideBySideIngests}: one stage, {@code ingest});
     * otherwise one after the other (a stage each, {@code ingest.<source>}).
     *
     * @return the committed partitions; {@code outcomes} gets one outcome per file
     */
    private List<FactPartition> stageAndCommit(WarehouseLayout layout, String loadId, ReferenceData reference,
            Snapshot previous, boolean referenceChanged, Map<SourceKind, List<LandingFile>> newFiles,
            Map<SourceKind, PreparedSource> prepared, List<FileOutcome> outcomes, StageTimer stages,
            SparkStart sparkStart) {
        List<FactPartition> partitions = new ArrayList<>();
        List<SourceKind> sources = Arrays.stream(SourceKind.values())
                .filter(SourceIngests.SUPPORTED::contains).toList();
        Predicate<SourceKind> ingested = source -> !prepared.containsKey(source)
                && (!newFiles.getOrDefault(source, List.of()).isEmpty()
                        || referenceChanged && SourceIngests.REDERIVED_ON_REFERENCE_CHANGE.contains(source));
        boolean parse = sources.stream().anyMatch(ingested);
        Map<SourceKind, SourceIngest> ingests = Map.of();
        SparkSession session = null;
        if (parse) {
            session = sparkStart.get(); // usually started while the landing was listed
            stages.lap("spark_start");
            FaultPoint.reach(FaultPoint.STAGING);
            ingests = SourceIngests.create(session, new IngestSettings(settings.rejectThreshold(),
                    LineGuard.forBusinessDate(businessDate())), reference, previous, settings.pseudonymKeyFile());
        } else {
            FaultPoint.reach(FaultPoint.STAGING);
        }
        Map<SourceKind, List<LandingFile>> toIngest = new EnumMap<>(SourceKind.class);
        sources.stream().filter(ingested).forEach(source -> toIngest.put(source, newFiles.getOrDefault(source, List.of())));
        SideBySideIngests sideBySide = null;
        try {
            // A small delivery's sources side by side; never beside a DAG run's prepared results being committed.
            if (parse && prepared.isEmpty() && SideBySideIngests.suits(toIngest)) {
                Map<SourceKind, Supplier<IngestResult>> work = new EnumMap<>(SourceKind.class);
                Map<SourceKind, SourceIngest> byKind = ingests;
                toIngest.forEach((source, files) -> work.put(source,
                        () -> byKind.get(source).ingest(files, layout, loadId)));
                sideBySide = new SideBySideIngests(layout.stagingDir(loadId), work);
            }
            for (SourceKind source : sources) {
                PreparedSource ready = prepared.get(source);
                if (ready != null) {
                    PreparedIngests.commit(layout, ready);
                    outcomes.addAll(ready.outcomes());
                    partitions.addAll(ready.partitions());
                    stages.lap("prepared." + source.folder());
                    continue;
                }
                if (!ingested.test(source)) {
                    continue;
                }
                IngestResult result = sideBySide != null ? sideBySide.result(source)
                        : ingests.get(source).ingest(toIngest.get(source), layout, loadId);
                outcomes.addAll(result.outcomes());
                partitions.addAll(result.partitions());
                if (sideBySide == null) {
                    stages.lap("ingest." + source.folder());
                }
            }
            if (sideBySide != null) {
                // One stage: the sources' own times overlap (logged here).
                stages.lap("ingest");
                LOG.info("ingested side by side: {}", sideBySide.millis().entrySet().stream()
                        .map(e -> e.getKey().folder() + " " + e.getValue() + " ms").collect(Collectors.joining(", ")));
            }
        } finally {
            if (sideBySide != null) {
                sideBySide.close();
            }
        }
        if (session != null) {
            afterIngest.accept(session);
            stages.lap("spark_stop");
        }
        return partitions;
    }

    /** New files of a source: content not published before and not repeated within this load. */
    private static List<LandingFile> newFiles(LandingZone landing, SourceKind source, Snapshot previous,
            Set<String> rederive, List<FileOutcome> outcomes, List<String> notes) {
        LandingZone.Listing listing = landing.list(source);
        listing.unsupported().forEach(path -> notes.add(path + " skipped: not a CSV (.csv/.txt/.tsv)"
                + (source == SourceKind.LEDGER ? " or SIE (.se/.si/.sie)" : "") + " file"));
        for (LandingZone.Skipped waiting : listing.waiting()) {
            outcomes.add(FileOutcome.skipped(source.folder(), waiting.relativePath(), null, FileOutcome.Status.WAITING,
                    waiting.reason()));
            notes.add(waiting.relativePath() + " waits for a later load: " + waiting.reason());
        }
        for (LandingZone.Skipped refused : listing.refused()) {
            outcomes.add(FileOutcome.skipped(source.folder(), refused.relativePath(), null,
                    FileOutcome.Status.REFUSED_LINK, refused.reason()));
            notes.add(refused.reason());
        }
        Set<String> published = previous.loadedHashes();
        Set<String> seen = new HashSet<>();
        List<LandingFile> fresh = new ArrayList<>();
        for (LandingFile file : listing.files()) {
            if (published.contains(file.sha256()) && !rederive.contains(file.relativePath())) {
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
                settings.landing().toString(), message, outcomes.stream().map(FileOutcome::notPublished).toList(),
                stages.millis());
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
}
