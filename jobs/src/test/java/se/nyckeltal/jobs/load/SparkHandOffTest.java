package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/**
 * The load hands Spark back between the ingest and the catalogue build (so that DuckDB has the memory the
 * ingest's heap held), once, and only when it started Spark; a session it did not start keeps running.
 */
@ExtendWith(SharedSpark.class)
class SparkHandOffTest {
    @TempDir
    Path tmp;

    private final List<SparkSession> handedOff = new ArrayList<>();

    private final AtomicInteger sparkStarts = new AtomicInteger();

    private LoadRecord load() {
        return new LoadJob(new LoadSettings(tmp.resolve("landing"), tmp.resolve("warehouse"),
                LoadSettings.DEFAULT_REJECT_THRESHOLD), () -> {
                    sparkStarts.incrementAndGet();
                    return SparkSessions.getOrCreate("test");
                }, handedOff::add, Clock.systemUTC(), LoadProgress.SILENT).run();
    }

    @Test
    void sparkStartsOnceWhileTheLandingIsListedAndNotAtAllWhenNothingIsNew(SparkSession shared) throws Exception {
        LedgerLandingFixtures.write(tmp.resolve("landing"));

        assertThat(load().outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(sparkStarts).hasValue(1);
        assertThat(load().outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        assertThat(sparkStarts).hasValue(1);
    }

    @Test
    void aSessionStartedInTheBackgroundButNeverTakenIsHandedBack(SparkSession shared) {
        SparkStart early = new SparkStart(() -> shared);
        early.startInBackground();
        assertThat(early.startedButNotTaken()).contains(shared);

        SparkStart taken = new SparkStart(() -> shared);
        taken.startInBackground();
        assertThat(taken.get()).isSameAs(shared);
        assertThat(taken.startedButNotTaken()).isEmpty();
        assertThat(new SparkStart(() -> shared).startedButNotTaken()).isEmpty(); // never started
    }

    @Test
    void theSessionIsHandedOffOnceAfterTheLastIngestAndBeforeTheBuild(SparkSession shared) throws Exception {
        LedgerLandingFixtures.write(tmp.resolve("landing"));

        LoadRecord record = load();

        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(handedOff).containsExactly(shared);
        // Stage millis keep the order the stages ran in.
        List<String> stages = List.copyOf(record.stageMillis().keySet());
        assertThat(stages).containsSubsequence("spark_start", "ingest.ledger", "spark_stop", "build");
        assertThat(stages.indexOf("spark_stop")).isEqualTo(stages.indexOf("build") - 1);
    }

    @Test
    void aLoadThatParsesNothingHandsNothingOff() throws Exception {
        LedgerLandingFixtures.write(tmp.resolve("landing"));
        load();
        handedOff.clear();

        LoadRecord again = load();

        assertThat(again.outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        assertThat(handedOff).isEmpty();
        assertThat(again.stageMillis()).doesNotContainKeys("spark_start", "spark_stop");
    }

    @Test
    void aSessionTheJobDidNotStartKeepsRunning(SparkSession shared) {
        // The test JVM's shared session was started by SharedSpark, as a notebook's or spark-submit's would be.
        assertThat(SparkSessions.startedLocally(shared)).isFalse();

        SparkHandOff.stopAndShrink(shared);

        assertThat(shared.sparkContext().isStopped()).isFalse();
        assertThat(shared.range(3).count()).isEqualTo(3);
    }
}
