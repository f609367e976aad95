package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.hdfs.InProcessHdfs;
import se.nyckeltal.jobs.load.LedgerLandingFixtures;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.jobs.load.WarehouseMirror;
import se.nyckeltal.schemas.warehouse.FaultPoint;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * {@code kill -9} of a real load process whose landing zone and warehouse are on HDFS (issue 17): the
 * snapshot published before stays the published one and is what a gateway's mirror serves, the dead
 * load's lease on {@code W/.lock} does not block the next load, and that load publishes exactly what an
 * uninterrupted local load of the same files publishes.
 */
@ExtendWith(SharedSpark.class)
class HdfsKillDuringLoadTest {
    @RegisterExtension
    static final InProcessHdfs HDFS = new InProcessHdfs();

    @TempDir
    static Path tmp;

    /** The ledger fixture's figures, and those with March delivered, from local loads. */
    private static List<String> before;
    private static List<String> uninterrupted;

    @BeforeAll
    static void localResults() throws Exception {
        FaultWarehouse local = new FaultWarehouse(tmp.resolve("local")).published();
        before = local.published_figures();
        uninterrupted = local.deliverMarch().load().outcome() == LoadRecord.Outcome.PUBLISHED
                ? local.published_figures() : List.of();
        assertThat(uninterrupted).contains("ACTUAL|202503|500.00");
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = FaultPoint.BUILT) // facts committed, catalogue built and written back, pointer not created
    void theSnapshotPublishedBeforeStaysServedAndTheNextLoadConverges(String step) throws Exception {
        Path landing = HDFS.path("/" + step + "/landing");
        Path warehouse = HDFS.path("/" + step + "/warehouse");
        LedgerLandingFixtures.write(landing);
        LoadRecord first = load(landing, warehouse, tmp.resolve(step + "-mirror"));
        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        try (OutputStream out = Files.newOutputStream(landing.resolve("ledger/huvudbok-2025-03.csv"))) {
            out.write(FaultWarehouse.MARCH.getBytes(StandardCharsets.UTF_8));
        }

        try (LoadProcess load = LoadProcess.start(landing, warehouse, step, tmp.resolve(step + "-java-tmp"),
                tmp.resolve(step + ".log"), "--local-mirror", tmp.resolve(step + "-process-mirror").toString())) {
            load.awaitFaultPoint(step);
            load.kill();
        }
        WarehouseLayout stored = new WarehouseLayout(warehouse);
        assertThat(new WarehouseStore(stored).currentSnapshotId()).contains(first.snapshotId());
        assertThat(stored.lockFile()).as("the dead load's lease").exists();
        WarehouseMirror gateway = new WarehouseMirror(stored, new WarehouseLayout(tmp.resolve(step + "-gateway")));
        assertThat(gateway.follow()).contains(first.snapshotId());
        assertThat(FaultWarehouse.figures(gateway.local())).isEqualTo(before);

        LoadRecord next = load(landing, warehouse, tmp.resolve(step + "-mirror"));

        assertThat(next.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(FaultWarehouse.figures(new WarehouseLayout(tmp.resolve(step + "-mirror")))).isEqualTo(uninterrupted);
        assertThat(gateway.follow()).contains(next.snapshotId());
        assertThat(FaultWarehouse.figures(gateway.local())).isEqualTo(uninterrupted);
        assertThat(stored.stagingRoot()).as("the dead load's staging").satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
        assertThat(stored.lockFile()).as("released by the next load").doesNotExist();
        assertThat(new WarehouseStore(stored).loadRecords()).filteredOn(r -> !r.loadId().equals(first.loadId())
                && !r.loadId().equals(next.loadId())).extracting(LoadRecord::outcome)
                .containsExactly(LoadRecord.Outcome.FAILED);
    }

    private static LoadRecord load(Path landing, Path warehouse, Path mirror) throws Exception {
        LoadSettings settings = new LoadSettings(landing, warehouse, new BigDecimal("0.2"),
                Path.of(LoadProcess.keyFile(warehouse))).withLocalMirror(mirror);
        return new LoadJob(settings, () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT)
                .run();
    }
}
