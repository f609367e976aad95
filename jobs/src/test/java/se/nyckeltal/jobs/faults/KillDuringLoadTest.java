package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.jobs.load.LoadFailedException;
import se.nyckeltal.schemas.warehouse.FaultPoint;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * {@code kill -9} of a real load process at each step of publishing (issue 16, items 1 and 2). After
 * each kill the next load records the dead one truthfully, removes what it left (in the warehouse and
 * in the JVM's scratch space), and publishes exactly what an uninterrupted load publishes.
 */
@ExtendWith(SharedSpark.class)
class KillDuringLoadTest {
    @TempDir
    static Path tmp;

    /** The fixture loaded and published: each case starts from a copy. */
    private static FaultWarehouse base;
    /** What the uninterrupted load of the fixture plus March publishes. */
    private static List<String> uninterrupted;

    @BeforeAll
    static void uninterruptedResult() throws Exception {
        base = new FaultWarehouse(tmp.resolve("base")).published();
        FaultWarehouse reference = base.copyTo(tmp.resolve("uninterrupted")).deliverMarch();
        assertThat(reference.load().outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        uninterrupted = reference.published_figures();
        assertThat(uninterrupted).contains("ACTUAL|202503|500.00");
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {FaultPoint.STAGING, FaultPoint.COMMITTED, FaultPoint.BUILDING, FaultPoint.BUILT,
            FaultPoint.SWAPPED})
    void theNextLoadRecordsTheDeadOneRemovesItsLeftoversAndPublishesTheUninterruptedResult(String step)
            throws Exception {
        FaultWarehouse w = base.copyTo(tmp.resolve(step)).deliverMarch();
        String before = w.store.currentSnapshotId().orElseThrow();
        Path javaTmp = tmp.resolve(step + "-java-tmp");

        String deadId;
        try (LoadProcess load = LoadProcess.start(w.landing, w.warehouse, step, javaTmp, tmp.resolve(step + ".log"))) {
            load.awaitFaultPoint(step);
            deadId = running(w).orElseThrow(() -> new AssertionError("no RUNNING record while the load runs"));
            if (step.equals(FaultPoint.COMMITTED)) {
                // Two loads at once: the second is refused while the first holds the warehouse.
                assertThatThrownBy(w::load).isInstanceOf(LoadFailedException.class)
                        .hasMessageStartingWith("another load is running on ");
            }
            load.kill();
        }
        // What the kill left: the record still says RUNNING (never PUBLISHED before the swap).
        assertThat(w.record(deadId).outcome()).isEqualTo(LoadRecord.Outcome.RUNNING);
        assertThat(w.store.currentSnapshotId()).contains(step.equals(FaultPoint.SWAPPED) ? deadId : before);
        if (step.equals(FaultPoint.BUILDING)) {
            assertThat(w.layout.catalogueFile(deadId).resolveSibling(deadId + ".duckdb.building")).exists();
        }
        if (step.equals(FaultPoint.BUILT)) {
            assertThat(w.layout.catalogueFile(deadId)).exists();
        }
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("the killed JVM's scratch space is one folder of its own").containsExactly("nyckeltal-jvm-"
                            + step + ".log");
        }
        try (Stream<Path> left = Files.list(javaTmp.resolve("nyckeltal-jvm-" + step + ".log"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("DuckDB's library and Spark's dirs")
                    .contains("pid").anyMatch(name -> name.startsWith("libduckdb_java"));
        }

        LoadRecord next;
        System.setProperty(JvmScratch.ROOT_PROPERTY, javaTmp.toString()); // where this JVM's loads look
        try {
            next = w.load();
        } finally {
            System.clearProperty(JvmScratch.ROOT_PROPERTY);
        }
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertThat(left.toList()).as("the next load removed the dead JVM's scratch space").isEmpty();
        }

        LoadRecord dead = w.record(deadId);
        if (step.equals(FaultPoint.SWAPPED)) {
            assertThat(dead.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
            assertThat(dead.message()).contains("recorded by load " + next.loadId());
            assertThat(next.outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        } else {
            assertThat(dead.outcome()).isEqualTo(LoadRecord.Outcome.FAILED);
            assertThat(dead.message()).startsWith("the load died before publishing")
                    .contains("recorded by load " + next.loadId());
            assertThat(dead.files()).extracting(FileOutcome::status).doesNotContain(FileOutcome.Status.LOADED);
            assertThat(next.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
            assertThat(next.files()).filteredOn(f -> f.status() == FileOutcome.Status.LOADED)
                    .extracting(FileOutcome::path).containsExactly("ledger/huvudbok-2025-03.csv");
            assertThat(w.query("SELECT outcome FROM meta.loads WHERE load_id = '" + deadId + "'"))
                    .containsExactly("FAILED");
            assertThat(w.query("SELECT count(*) FROM meta.load_files WHERE load_id = '" + deadId
                    + "' AND status = 'LOADED'")).containsExactly("0");
        }
        assertThat(w.published_figures()).isEqualTo(uninterrupted);

        assertThat(w.tree()).as("leftovers of the dead load")
                .noneMatch(p -> p.endsWith(".tmp") || p.contains(".building") || p.endsWith(".spill"))
                .noneMatch(p -> p.startsWith("staging/") || p.startsWith("restricted/staging/"));
        if (!step.equals(FaultPoint.SWAPPED)) {
            assertThat(w.layout.catalogueFile(deadId)).as("a catalogue never current").doesNotExist();
            assertThat(w.layout.snapshotFile(deadId)).doesNotExist();
            assertThat(w.layout.referenceDir(deadId)).doesNotExist();
        }
    }

    private static Optional<String> running(FaultWarehouse w) {
        return w.store.loadRecords().stream().filter(r -> r.outcome() == LoadRecord.Outcome.RUNNING)
                .map(LoadRecord::loadId).findFirst();
    }
}
