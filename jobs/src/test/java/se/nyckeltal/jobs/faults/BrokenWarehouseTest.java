package se.nyckeltal.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.load.LoadFailedException;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.LiveCatalogue;

/**
 * A warehouse damaged from outside (issue 16, items 3 and 4): a fact file swapped for another
 * partition's or corrupted, a catalogue file deleted or overwritten. Nothing wrong is published or
 * served silently; the load repairs what it can and names what it cannot.
 */
@ExtendWith(SharedSpark.class)
class BrokenWarehouseTest {
    @TempDir
    static Path tmp;

    private static List<String> withMarch;

    @BeforeAll
    static void uninterrupted() throws Exception {
        FaultWarehouse reference = new FaultWarehouse(tmp.resolve("reference")).published().deliverMarch();
        reference.load();
        withMarch = reference.published_figures();
    }

    @Test
    void aFactFileSwappedForAnotherPartitionsIsRefusedNamedAndRepairedByRederivingItsPartition() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp.resolve("swapped")).published();
        Snapshot snapshot = w.store.currentSnapshot();
        String january = file(snapshot, 202501);
        // A valid Parquet file of the wrong month: February's copied over January's.
        Files.copy(w.layout.resolve(file(snapshot, 202502)), w.layout.resolve(january),
                StandardCopyOption.REPLACE_EXISTING);
        w.deliverMarch();

        assertThatThrownBy(w::load).isInstanceOf(LoadFailedException.class)
                .hasMessageStartingWith("fact file " + january + " (partition ledger/ACTUAL/202501, loaded by load "
                        + snapshot.snapshotId() + ") is not the file its manifest recorded: ")
                .satisfies(e -> {
                    LoadFailedException failed = (LoadFailedException) e;
                    assertThat(failed.hint()).contains("--rederive ledger/huvudbok-2025-01.csv");
                    assertThat(failed.record().outcome()).isEqualTo(LoadRecord.Outcome.FAILED);
                });
        assertThat(w.store.currentSnapshotId()).contains(snapshot.snapshotId());

        LoadRecord repaired = new LoadJob(w.settings().withRederive(Set.of("ledger/huvudbok-2025-01.csv")),
                () -> SparkSessions.getOrCreate("test"), java.time.Clock.systemUTC(), LoadProgress.SILENT).run();
        assertThat(repaired.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(w.published_figures()).isEqualTo(withMarch);
    }

    @Test
    void aCorruptedFactFileKeepsTheGatewayFromServingItsSnapshot() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp.resolve("corrupted")).published();
        Snapshot snapshot = w.store.currentSnapshot();
        Path february = w.layout.resolve(file(snapshot, 202502));
        byte[] bytes = Files.readAllBytes(february);
        bytes[bytes.length / 2] ^= 0x5A; // one flipped byte: same size, other content
        Files.write(february, bytes);

        assertThatThrownBy(() -> LiveCatalogue.open(w.layout, GatewayConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the published snapshot " + snapshot.snapshotId() + " of ")
                .hasMessageContaining("is broken: fact file " + file(snapshot, 202502))
                .hasMessageContaining("its content hash is ");
        // Every older snapshot reads the same file: there is nothing intact to fall back to.
        assertThatThrownBy(() -> LiveCatalogue.open(w.layout, GatewayConfig.defaults(), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no older snapshot is intact");
    }

    @Test
    void aDeletedCatalogueIsRebuiltFromTheFactsAndMeanwhileServedFromTheNewestIntactSnapshot() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp.resolve("deleted")).published().deliverMarch();
        String older = w.store.currentSnapshotId().orElseThrow();
        String current = w.load().snapshotId();
        Files.delete(w.layout.catalogueFile(current));

        assertThatThrownBy(() -> LiveCatalogue.open(w.layout, GatewayConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the published snapshot " + current + " of ")
                .hasMessageContaining("is broken: its catalogue ").hasMessageContaining(" is missing")
                .hasMessageContaining("--serve-newest-intact");
        try (LiveCatalogue served = LiveCatalogue.open(w.layout, GatewayConfig.defaults(), true)) {
            assertThat(served.current().snapshotId()).isEqualTo(older);
        }

        LoadRecord rebuilt = w.load();
        assertThat(rebuilt.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(rebuilt.message()).startsWith("snapshot " + current + " was broken (its catalogue ")
                .contains("is missing): its catalogue is rebuilt from the facts");
        assertThat(w.store.currentSnapshotId()).contains(rebuilt.snapshotId());
        assertThat(w.published_figures()).isEqualTo(withMarch);
        assertThat(w.load().outcome()).as("intact again: nothing to do").isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
    }

    @Test
    void anOverwrittenCatalogueIsRebuiltFromTheFacts() throws Exception {
        FaultWarehouse w = new FaultWarehouse(tmp.resolve("overwritten")).published().deliverMarch();
        String current = w.load().snapshotId();
        Files.writeString(w.layout.catalogueFile(current), "not a DuckDB file\n", StandardCharsets.UTF_8);

        LoadRecord rebuilt = w.load();
        assertThat(rebuilt.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(rebuilt.message()).startsWith("snapshot " + current + " was broken (its catalogue ")
                .contains("cannot be read");
        assertThat(w.published_figures()).isEqualTo(withMarch);
    }

    /** The one fact file of the ledger's ACTUAL partition of a period. */
    private static String file(Snapshot snapshot, int period) {
        FactPartition partition = snapshot.partitions("ledger").stream()
                .filter(p -> p.period() == period && p.scenario().equals("ACTUAL")).findFirst().orElseThrow();
        assertThat(partition.files()).hasSize(1);
        return partition.files().get(0);
    }
}
