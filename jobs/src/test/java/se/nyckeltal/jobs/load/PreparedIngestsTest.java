package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.extract.LandingFile;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.schedule.task.NightlyTask;
import se.nyckeltal.jobs.schedule.task.NightlyTasks;
import se.nyckeltal.jobs.schedule.task.TaskContext;
import se.nyckeltal.schemas.contract.SourceKind;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.DagRunRecord;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.PreparedRun;
import se.nyckeltal.schemas.warehouse.PreparedSource;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * The nightly DAG's ingest tasks stage their source for the run's load ({@link SourcePreparation}); the load
 * commits that only when nothing changed in between, and ingests the source itself otherwise. The happy path
 * through the shipped DAG is NightlyDagIntegrationTest's.
 */
@ExtendWith(SharedSpark.class)
class PreparedIngestsTest {
    private static final String RUN = "scheduled__2025-03-14T03:30:00+00:00";
    private static final String FEBRUARY = "period;kst;konto;belopp\n202502;U1;4010;700,00\n202502;U1;5510;50,00\n";

    @TempDir
    Path tmp;

    private Path landing() {
        return tmp.resolve("landing");
    }

    private WarehouseLayout layout() {
        return new WarehouseLayout(tmp.resolve("warehouse"));
    }

    private void write(String path, String text) throws Exception {
        Path file = landing().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void region() throws Exception {
        ReferenceFixtures.writeShipped(landing(), ReferenceData.ORG_UNITS, ReferenceData.ACCOUNTS);
    }

    /** The settings a run of 2025-03-14 gives its tasks and its load. */
    private LoadSettings settings() {
        return new LoadSettings(landing(), tmp.resolve("warehouse"), LoadSettings.DEFAULT_REJECT_THRESHOLD)
                .withBusinessDate(LocalDate.of(2025, 3, 15));
    }

    private SourcePreparation.Result ingestTask() {
        return SourcePreparation.run(SourceKind.LEDGER, settings(), RUN, () -> SparkSessions.getOrCreate("test"),
                Clock.systemUTC());
    }

    /** The run's load_and_publish; {@code steps} gets its progress lines. */
    private LoadRecord runsLoad(List<String> steps) {
        return new LoadJob(settings().withPreparedRun(RUN), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(),
                (step, done, total) -> steps.add(step)).run();
    }

    private LoadRecord manualLoad() {
        return new LoadJob(settings(), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT)
                .run();
    }

    @Test
    void aReferenceChangeAfterTheTaskMeansTheLoadIngestsTheSourceItself() throws Exception {
        region();
        write("ledger/huvudbok-2025-02.csv", FEBRUARY);
        assertThat(ingestTask().prepared()).isTrue();
        write("reference/org_units.csv", "unit_id;unit_name;area_id;area_name;valid_from;valid_to\n"
                + "U1;Enhet Ett;A;Område A;2020-01-01;\n");

        List<String> steps = new ArrayList<>();
        LoadRecord record = runsLoad(steps);
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(steps).anyMatch(s -> s.contains("ledger: ingested here, not from what run " + RUN
                + " prepared: the reference data changed since it was ingested"));
        assertThat(record.stageMillis()).containsKeys("spark_start", "ingest.ledger").doesNotContainKey("prepared.ledger");
        assertThat(layout().preparedRoot()).isEmptyDirectory();
    }

    @Test
    void aFileDeliveredAfterTheTaskRanMeansTheLoadIngestsTheSourceItself() throws Exception {
        region();
        write("ledger/huvudbok-2025-02.csv", FEBRUARY);
        SourcePreparation.Result staged = ingestTask();
        assertThat(staged.prepared()).isTrue();
        assertThat(staged.folder()).isEqualTo(layout().preparedSourceDir(RUN, "ledger"));
        // the hashes of what it staged, for the load's listing (LandingHashesTest: taken by the usual rule)
        assertThat(layout().preparedLandingHashesFile(RUN, "ledger")).content().contains("huvudbok-2025-02.csv");
        write("ledger/huvudbok-2025-03.csv", "period;kst;konto;belopp\n202503;U1;4010;710,00\n");

        List<String> steps = new ArrayList<>();
        LoadRecord record = runsLoad(steps);
        assertThat(steps).anyMatch(s -> s.contains("ledger: ingested here, not from what run " + RUN + " prepared: the"
                + " new files are not those it ingested: ledger/huvudbok-2025-03.csv arrived since"));
        assertThat(record.files()).filteredOn(f -> f.status() == FileOutcome.Status.LOADED).extracting(FileOutcome::path)
                .containsExactly("ledger/huvudbok-2025-02.csv", "ledger/huvudbok-2025-03.csv");
        assertThat(record.stageMillis()).containsKey("ingest.ledger").doesNotContainKey("prepared.ledger");
    }

    /**
     * The run's load lists the night's files with the hashes its tasks staged (the file unchanged since): shown by a
     * staged hash replaced by another, which makes the load see another file than the one the task ingested.
     */
    @Test
    void theRunsLoadTakesTheHashesItsTasksStagedForUnchangedFiles() throws Exception {
        region();
        write("ledger/huvudbok-2025-02.csv", FEBRUARY);
        assertThat(ingestTask().prepared()).isTrue();
        Path staged = layout().preparedLandingHashesFile(RUN, "ledger");
        String hash = LandingHashes.hash(landing().resolve("ledger/huvudbok-2025-02.csv"));
        Files.writeString(staged, Files.readString(staged).replace(hash, "0".repeat(64)));

        List<String> steps = new ArrayList<>();
        runsLoad(steps);

        assertThat(steps).anyMatch(s -> s.contains("ledger: ingested here, not from what run " + RUN + " prepared: the"
                + " new files are not those it ingested: ledger/huvudbok-2025-02.csv changed"));
    }

    @Test
    void aLoadThatPublishesMeanwhileMakesThePreparedResultStaleAndSweepsIt() throws Exception {
        region();
        write("ledger/huvudbok-2025-02.csv", FEBRUARY);
        assertThat(ingestTask().prepared()).isTrue();
        String reserved = new WarehouseStore(layout()).readPreparedRun(RUN).orElseThrow().loadId();

        // A manual load runs between the task and the run's load: it publishes the file, and what the task staged
        // on the snapshot before is of no use to anyone any more.
        LoadRecord manual = manualLoad();
        assertThat(manual.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(manual.loadId()).isNotEqualTo(reserved);
        assertThat(layout().preparedRunDir(RUN)).doesNotExist();

        List<String> steps = new ArrayList<>();
        assertThat(runsLoad(steps).outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
    }

    @Test
    void aPreparedResultIsUsedOnlyWhenEverythingItWasMadeFromIsUnchanged() {
        WarehouseLayout layout = layout();
        LandingFile file = new LandingFile(tmp.resolve("landing/ledger/a.csv"), "ledger/a.csv", "aa");
        PreparedSource prepared = new PreparedSource(RUN, "hr", "L1", Instant.EPOCH, "S1", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15), "key-1",
                List.of(new PreparedSource.PreparedFile("ledger/a.csv", "aa")), List.of(), List.of());
        PreparedIngests.Expected same = new PreparedIngests.Expected("L1", "S1", "ref", new BigDecimal("0.010"),
                LocalDate.of(2025, 3, 15), List.of(file), () -> "key-1");
        assertThat(PreparedIngests.mismatch(layout, prepared, same)).isEmpty();
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L2", "S1", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15), List.of(file), () -> "key-1")))
                .hasValueSatisfying(why -> assertThat(why).contains("this load is L2"));
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L1", "S2", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15), List.of(file), () -> "key-1")))
                .contains("it was ingested on snapshot S1 and the published snapshot is now S2 (another load"
                        + " published since)");
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L1", "S1", "ref",
                new BigDecimal("0.02"), LocalDate.of(2025, 3, 15), List.of(file), () -> "key-1")))
                .contains("it was ingested with reject threshold 0.01, this load has 0.02");
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L1", "S1", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 16), List.of(file), () -> "key-1")))
                .contains("it was ingested for business date 2025-03-15, this load's is 2025-03-16");
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L1", "S1", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15),
                List.of(new LandingFile(file.path(), file.relativePath(), "bb")), () -> "key-1")))
                .contains("the new files are not those it ingested: ledger/a.csv changed");
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L1", "S1", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15), List.of(), () -> "key-1")))
                .contains("the new files are not those it ingested: ledger/a.csv is no longer new");
        assertThat(PreparedIngests.mismatch(layout, prepared, new PreparedIngests.Expected("L1", "S1", "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15), List.of(file), () -> "key-2")))
                .contains("it was pseudonymised with another key (fingerprint key-1)");
    }

    @Test
    void aFileTheLoadWouldRefuseFailsItsTaskAndNothingIsStagedOrPublished() throws Exception {
        region();
        write("ledger/huvudbok-2025-02.csv", "period;kst;konto;belopp\n202502;U1;4010;700,00\n202502;U1;4010;sju\n");
        StringWriter log = new StringWriter();
        NightlyTask task = NightlyTasks.get("ingest_ledger").orElseThrow();
        int exit = task.run(new TaskContext("nightly", "ingest_ledger", LocalDate.of(2025, 3, 14),
                Instant.parse("2025-03-14T03:30:00Z"), Instant.parse("2025-03-15T03:30:00Z"), RUN, landing(),
                tmp.resolve("warehouse"), new PrintWriter(log, true)));
        assertThat(exit).isEqualTo(NightlyTask.FAILED);
        assertThat(log.toString()).contains("ledger/huvudbok-2025-02.csv").contains("REFUSED")
                .contains("failed: 1 new ledger file(s) checked; the load would refuse the file(s) marked REFUSED");
        assertThat(layout().preparedSourceDir(RUN, "ledger")).doesNotExist();
        assertThat(layout().preparedSourceFile(RUN, "ledger")).doesNotExist();
        assertThat(new WarehouseStore(layout()).currentSnapshotId()).isEmpty();
    }

    @Test
    void everyLoadSweepsThePreparedFoldersOfRunsThatAreOverButNeverOneATaskIsWriting() throws Exception {
        region();
        WarehouseStore store = new WarehouseStore(layout());
        Instant now = Instant.now();
        // A run whose tasks reserved a load id two days ago and whose load never ran (an Airflow run that died).
        stage(store, "scheduled__old", now.minus(Duration.ofDays(2)));
        // A run the scheduler recorded as failed (a source was refused: its load never ran).
        stage(store, "scheduled__failed", now);
        store.writeDagRunRecord(new DagRunRecord("nightly", "scheduled__failed", "scheduled", "failed", now, now, now,
                now, now, now, null, false, 6, 1, 1, 4, "ingest_hr:failed", null));
        // A task that died before it reserved anything.
        Files.createDirectories(layout().preparedSourceDir("manual__dead", "ledger"));
        // A run whose ledger task is still writing: left alone, stale or not.
        stage(store, "scheduled__live", now.minus(Duration.ofDays(2)));
        try (LoadLock writing = LoadLock.tryAcquire(layout().preparedSourceLockFile("scheduled__live", "ledger"))
                .orElseThrow()) {
            // Nothing to load: the load fails, after it swept what dead loads and runs left.
            assertThatThrownBy(this::manualLoad).isInstanceOf(LoadFailedException.class)
                    .hasMessageStartingWith("no files to load");
            try (var left = Files.list(layout().preparedRoot())) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .containsExactly(WarehouseLayout.preparedRunFolder("scheduled__live"));
            }
        }
    }

    /** A prepared run folder as a task leaves it, with a record of an empty warehouse's ledger. */
    private void stage(WarehouseStore store, String runId, Instant reservedAt) throws Exception {
        store.writePreparedRun(new PreparedRun(runId, LoadJob.newLoadId(reservedAt), reservedAt));
        Path facts = layout().preparedSourceDir(runId, "ledger").resolve("facts/ledger/year=2025/month=02");
        Files.createDirectories(facts);
        Files.writeString(facts.resolve("ACTUAL-x-00000.parquet"), "not really");
        store.writePreparedSource(new PreparedSource(runId, "ledger", "x", reservedAt, null, "ref",
                new BigDecimal("0.01"), LocalDate.of(2025, 3, 15), null, List.of(), List.of(), List.of()));
        assertThat(store.readPreparedSource(runId, "ledger")).map(PreparedSource::runId).isEqualTo(Optional.of(runId));
    }
}
