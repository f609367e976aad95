package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

/**
 * A load publishes only on top of the snapshot it started from. Here another publish gets in while
 * the load builds its catalogue (the interleaving two loads without the warehouse lock would have);
 * the load is refused, and the snapshot published meanwhile stays.
 */
@ExtendWith(SharedSpark.class)
class PublishCompareAndSwapTest {
    @TempDir
    Path tmp;

    @Test
    void aLoadWhoseBaseWasReplacedWhileItBuiltIsRefusedAndTheOtherSnapshotStays() throws Exception {
        Path landing = tmp.resolve("landing");
        Path warehouse = tmp.resolve("warehouse");
        LedgerLandingFixtures.write(landing);
        LoadRecord first = load(landing, warehouse, LoadProgress.SILENT);
        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        WarehouseStore store = new WarehouseStore(layout);

        // A March delivery; while the load builds on `first`, someone else publishes `other`.
        LedgerLandingFixtures.write(landing.resolve("ledger/huvudbok-2025-03.csv"), StandardCharsets.UTF_8,
                "period;kst;konto;belopp\n202503;U1;4010;500.00\n");
        LoadProgress interleaving = (step, done, total) -> {
            if (step.equals("building the catalogue")) {
                Snapshot base = store.readSnapshot(first.snapshotId());
                Snapshot other = new Snapshot("other", base.createdAt(), base.loadId(), base.partitions(),
                        base.loadedFiles(), base.referenceDir());
                new CataloguePublisher(layout).publish(other, ReferenceData.load(layout.resolve(base.referenceDir())),
                        store.loadRecords());
            }
        };

        assertThatThrownBy(() -> load(landing, warehouse, interleaving))
                .isInstanceOf(LoadFailedException.class)
                .hasMessageContaining("publish refused: snapshot ")
                .hasMessageContaining(" was built on snapshot " + first.snapshotId() + ", but snapshot other is"
                        + " published now")
                .satisfies(e -> {
                    LoadFailedException failed = (LoadFailedException) e;
                    assertThat(failed.hint()).startsWith("run the load again");
                    assertThat(failed.record().outcome()).isEqualTo(LoadRecord.Outcome.FAILED);
                    assertThat(layout.catalogueFile(failed.record().loadId())).as("refused catalogue removed")
                            .doesNotExist();
                });
        assertThat(store.currentSnapshotId()).contains("other");
        assertThat(marchCost(layout)).as("March is not in what analysts see").isNull();

        // The next load builds on `other` and brings March in: 500 of personnel cost at U1.
        LoadRecord again = load(landing, warehouse, LoadProgress.SILENT);
        assertThat(again.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(store.currentSnapshotId()).contains(again.snapshotId());
        assertThat(marchCost(layout)).isEqualTo("500.00");
        assertThat(store.loadRecords()).extracting(LoadRecord::outcome).containsExactly(LoadRecord.Outcome.PUBLISHED,
                LoadRecord.Outcome.FAILED, LoadRecord.Outcome.PUBLISHED);
    }

    private static LoadRecord load(Path landing, Path warehouse, LoadProgress progress) {
        return new LoadJob(new LoadSettings(landing, warehouse, LoadSettings.DEFAULT_REJECT_THRESHOLD),
                () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), progress).run();
    }

    private static String marchCost(WarehouseLayout layout) throws Exception {
        try (Connection c = Catalogue.openReadOnly(layout);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CAST(sum(amount) AS DECIMAL(18,2)) FROM fact.ledger"
                        + " WHERE period = 202503 AND scenario = 'ACTUAL'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
