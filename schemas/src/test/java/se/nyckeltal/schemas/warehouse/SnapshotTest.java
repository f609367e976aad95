package se.nyckeltal.schemas.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §3 partition replacement: a delivery replaces exactly the (source, scenario, period) it contains. */
class SnapshotTest {
    private static final Instant T1 = Instant.parse("2024-04-02T01:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-02T01:00:00Z");

    private final Snapshot first = Snapshot.empty().with("s1", T1, "load-1",
            List.of(part("ledger", "ACTUAL", 202402, "load-1"), part("ledger", "ACTUAL", 202403, "load-1"),
                    part("ledger", "BUDGET", 202403, "load-1"), part("production", "ACTUAL", 202403, "load-1")),
            List.of(new LoadedFile("h1", "ledger/a.csv", "load-1")), "reference/s1");

    @Test
    void withReplacesOnlyPartitionsWithTheSameTableScenarioAndPeriod() {
        FactPartition restated = part("ledger", "ACTUAL", 202403, "load-2");

        Snapshot second = first.with("s2", T2, "load-2", List.of(restated), List.of(), "reference/s2");

        assertThat(second.partitions()).containsExactlyInAnyOrder(
                part("ledger", "ACTUAL", 202402, "load-1"),
                restated,
                part("ledger", "BUDGET", 202403, "load-1"), // same table and period, other scenario: kept
                part("production", "ACTUAL", 202403, "load-1")); // same scenario and period, other table: kept
    }

    @Test
    void withAddsPartitionsForNewKeys() {
        Snapshot second = first.with("s2", T2, "load-2", List.of(part("ledger", "ACTUAL", 202404, "load-2")), List.of(), null);

        assertThat(second.partitions()).hasSize(5);
        assertThat(second.partitions("ledger")).extracting(FactPartition::period).contains(202404);
    }

    @Test
    void laterPartitionInTheSameLoadWinsOverAnEarlierOne() {
        // Files of one load apply in file-name order: the caller passes them in that order.
        FactPartition fromA = part("ledger", "ACTUAL", 202404, "load-2");
        FactPartition fromB = new FactPartition("ledger", "ACTUAL", 202404, List.of("b.parquet"), "ledger/b.csv", "load-2", 7);

        Snapshot second = first.with("s2", T2, "load-2", List.of(fromA, fromB), List.of(), null);

        assertThat(second.partitions()).contains(fromB).doesNotContain(fromA);
    }

    @Test
    void withAppendsNewlyLoadedFilesAndTakesTheNewIdentity() {
        Snapshot second = first.with("s2", T2, "load-2", List.of(), List.of(new LoadedFile("h2", "ledger/b.csv", "load-2")),
                "reference/s2");

        assertThat(second.loadedHashes()).containsExactlyInAnyOrder("h1", "h2");
        assertThat(second.snapshotId()).isEqualTo("s2");
        assertThat(second.createdAt()).isEqualTo(T2);
        assertThat(second.loadId()).isEqualTo("load-2");
        assertThat(second.referenceDir()).isEqualTo("reference/s2");
    }

    @Test
    void withLeavesTheOriginalSnapshotUnchanged() {
        first.with("s2", T2, "load-2", List.of(part("ledger", "ACTUAL", 202403, "load-2")), List.of(), null);

        assertThat(first.partitions("ledger")).extracting(FactPartition::loadId).containsOnly("load-1");
        assertThat(first.snapshotId()).isEqualTo("s1");
    }

    @Test
    void filesOfATableComeInPeriodThenScenarioOrder() {
        assertThat(first.files("ledger")).containsExactly(
                "facts/ledger/ACTUAL-202402-load-1.parquet",
                "facts/ledger/ACTUAL-202403-load-1.parquet",
                "facts/ledger/BUDGET-202403-load-1.parquet");
    }

    @Test
    void emptySnapshotHasNothing() {
        assertThat(Snapshot.empty().partitions()).isEmpty();
        assertThat(Snapshot.empty().loadedHashes()).isEmpty();
        assertThat(Snapshot.empty().files("ledger")).isEmpty();
    }

    @Test
    void partitionKeyReadsAsTableScenarioPeriod() {
        assertThat(part("ledger", "BUDGET", 202403, "l").key()).hasToString("ledger/BUDGET/202403");
    }

    private static FactPartition part(String table, String scenario, int period, String loadId) {
        return new FactPartition(table, scenario, period,
                List.of("facts/" + table + "/" + scenario + "-" + period + "-" + loadId + ".parquet"),
                table + "/delivery.csv", loadId, 10);
    }
}
