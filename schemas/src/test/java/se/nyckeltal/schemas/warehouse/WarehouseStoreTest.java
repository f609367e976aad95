package se.nyckeltal.schemas.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseStoreTest {
    private static final Instant CREATED = Instant.parse("2024-04-02T01:15:30.123456789Z");

    @TempDir
    Path root;

    @Test
    void newWarehouseHasNothingPublished() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));

        assertThat(store.currentSnapshotId()).isEmpty();
        assertThat(store.currentSnapshot()).isEqualTo(Snapshot.empty());
        assertThat(store.publishedSnapshot()).isEmpty();
        assertThat(store.loadRecords()).isEmpty();
    }

    @Test
    void snapshotRoundTripsThroughJson() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        Snapshot snapshot = new Snapshot("s-20240402", CREATED, "load-1",
                List.of(partition("ACTUAL", 202403, "load-1"), partition("BUDGET", 202403, "load-1")),
                List.of(new LoadedFile("ab12", "ledger/huvudbok-2024-03.csv", "load-1")),
                "reference/s-20240402");

        store.writeSnapshot(snapshot);

        assertThat(store.readSnapshot("s-20240402")).isEqualTo(snapshot);
        assertThat(store.readSnapshot("s-20240402").createdAt()).isEqualTo(CREATED); // nanoseconds kept
    }

    @Test
    void snapshotJsonUsesSnakeCaseAndIsoInstants() throws IOException {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        store.writeSnapshot(new Snapshot("s1", CREATED, "load-1", List.of(), List.of(), null));

        String json = Files.readString(store.layout().snapshotFile("s1"));

        assertThat(json).contains("\"snapshot_id\" : \"s1\"", "\"created_at\" : \"2024-04-02T01:15:30.123456789Z\"",
                "\"loaded_files\"");
    }

    @Test
    void publishMakesTheSnapshotCurrent() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        Snapshot snapshot = new Snapshot("s1", CREATED, "load-1", List.of(partition("ACTUAL", 202403, "load-1")),
                List.of(), null);
        store.writeSnapshot(snapshot);

        store.publish(Optional.empty(), "s1");

        assertThat(store.currentSnapshotId()).contains("s1");
        assertThat(store.currentSnapshot()).isEqualTo(snapshot);
        assertThat(store.publishedSnapshot()).contains(snapshot);
    }

    @Test
    void aPublishBuiltOnASnapshotThatIsNoLongerCurrentIsRefusedAndChangesNothing() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        store.publish(Optional.empty(), "s1");
        // Two loads start from s1; the first to publish wins.
        store.publish(Optional.of("s1"), "s2-first");

        assertThatThrownBy(() -> store.publish(Optional.of("s1"), "s2-second"))
                .isInstanceOf(StaleSnapshotException.class)
                .hasMessage("snapshot s2-second was built on snapshot s1, but snapshot s2-first is published now;"
                        + " s2-second was not published");
        assertThat(store.currentSnapshotId()).contains("s2-first");
    }

    @Test
    void aFirstPublishIsRefusedWhenSomethingWasPublishedMeanwhile() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        store.publish(Optional.empty(), "s1");

        assertThatThrownBy(() -> store.publish(Optional.empty(), "s1-other"))
                .isInstanceOf(StaleSnapshotException.class)
                .hasMessageContaining("built on an empty warehouse, but snapshot s1 is published now");
        assertThat(store.currentSnapshotId()).contains("s1");
    }

    @Test
    void ofManyConcurrentPublishesFromTheSameBaseExactlyOneWins() throws Exception {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        store.publish(Optional.empty(), "base");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String id = "next-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        new WarehouseStore(new WarehouseLayout(root)).publish(Optional.of("base"), id);
                        return true;
                    } catch (StaleSnapshotException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(store.currentSnapshotId()).get().asString().startsWith("next-");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dagRunRecordsRoundTripAndAHalfWrittenOneIsSkipped() throws IOException {
        WarehouseLayout layout = new WarehouseLayout(root);
        WarehouseStore store = new WarehouseStore(layout);
        DagRunRecord run = new DagRunRecord("nightly", "scheduled__2026-11-22T03:30:00+00:00", "scheduled", "success",
                Instant.parse("2026-11-22T03:30:00Z"), Instant.parse("2026-11-22T03:30:00Z"),
                Instant.parse("2026-11-23T03:30:00Z"), Instant.parse("2026-11-23T03:30:01Z"),
                Instant.parse("2026-11-23T03:30:02Z"), Instant.parse("2026-11-23T03:52:00Z"), null, false, 6, 6, 0, 0,
                "", null);
        store.writeDagRunRecord(run);
        Files.writeString(layout.dagRunsDir().resolve("broken.json"), "{\"dag_id\": \"nightly\", ");

        assertThat(layout.dagRunFile("nightly", run.runId()))
                .hasFileName("nightly__scheduled__2026-11-22T03%3A30%3A00%2B00%3A00.json").exists();
        assertThat(store.dagRunRecords()).containsExactly(run);
    }

    @Test
    void laterPublishReplacesTheCurrentPointer() throws IOException {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));

        store.publish(Optional.empty(), "s1");
        store.publish(Optional.of("s1"), "s2");

        assertThat(store.currentSnapshotId()).contains("s2");
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("current.tmp");
        }
    }

    @Test
    void loadRecordRoundTripsWithExactAmounts() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        // 12 345 678 901 234 567,89 has more digits than a double holds.
        BigDecimal total = new BigDecimal("12345678901234567.89");
        BigDecimal quarantined = new BigDecimal("-1234.50");
        FileOutcome file = new FileOutcome("ledger", "ledger/huvudbok-2024-03.csv", "ab12", FileOutcome.Status.LOADED,
                "WINDOWS_1252", "semicolon", 3, 2, 1, 0, 1, total, total.subtract(quarantined), quarantined,
                new BigDecimal("0.00"), true, List.of("ACTUAL:202403"), null);
        LoadRecord record = new LoadRecord("load-1", CREATED, CREATED.plusSeconds(27), LoadRecord.Outcome.PUBLISHED, "s1",
                "/landing", "published", List.of(file));

        store.writeLoadRecord(record);

        LoadRecord read = store.loadRecords().get(0);
        assertThat(read).isEqualTo(record);
        assertThat(read.files().get(0).amountTotal()).isEqualTo(total);
        assertThat(read.files().get(0).amountQuarantined().scale()).isEqualTo(2);
        assertThat(read.files().get(0).amountSuperseded().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void loadRecordsAreListedOldestFirst() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        store.writeLoadRecord(record("b-later", CREATED.plusSeconds(60)));
        store.writeLoadRecord(record("a-earlier", CREATED));
        store.writeLoadRecord(record("c-same-time", CREATED));

        assertThat(store.loadRecords()).extracting(LoadRecord::loadId).containsExactly("a-earlier", "c-same-time", "b-later");
    }

    @Test
    void loadHeadsSayWhatTheWholeRecordsSayOfEachLoadInTheSameOrder() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        FileOutcome file = new FileOutcome("hr", "hr/tid-2024-03.csv", "cd34", FileOutcome.Status.LOADED, "UTF_8",
                "semicolon", 2, 2, 0, 0, 0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, true,
                List.of("ACTUAL:202403"), "{\"outcome\": \"FAILED\"} in a message");
        store.writeLoadRecord(record("b-later", CREATED.plusSeconds(60)));
        store.writeLoadRecord(new LoadRecord("a-running", CREATED, null, LoadRecord.Outcome.RUNNING, null, "/landing",
                "running", List.of(file, file)));
        store.writeLoadRecord(new LoadRecord("c-failed", CREATED, CREATED.plusSeconds(5), LoadRecord.Outcome.FAILED,
                null, "/landing", "failed", List.of(file)));

        assertThat(store.loadHeads()).containsExactly(
                new WarehouseStore.LoadHead("a-running", CREATED, LoadRecord.Outcome.RUNNING),
                new WarehouseStore.LoadHead("c-failed", CREATED, LoadRecord.Outcome.FAILED),
                new WarehouseStore.LoadHead("b-later", CREATED.plusSeconds(60), LoadRecord.Outcome.NOTHING_NEW));
        assertThat(store.loadHeads()).extracting(WarehouseStore.LoadHead::loadId)
                .containsExactlyElementsOf(store.loadRecords().stream().map(LoadRecord::loadId).toList());
        assertThat(store.loadRecord("a-running").files()).hasSize(2);
    }

    @Test
    void aLoadRecordWithoutItsOutcomeCannotBeReadAndSaysWhich() throws Exception {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        Files.createDirectories(store.layout().loadsDir());
        Files.writeString(store.layout().loadRecordFile("x"), "{\"load_id\": \"x\", \"started_at\": \"2026-03-05T01:59:00Z\"}");

        assertThatThrownBy(store::loadHeads).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("x.json").hasMessageContaining("outcome");
    }

    @Test
    void emptySnapshotRoundTrips() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        Snapshot empty = Snapshot.empty();

        store.writeSnapshot(empty);

        assertThat(store.readSnapshot("none")).isEqualTo(empty);
    }

    private static FactPartition partition(String scenario, int period, String loadId) {
        return new FactPartition("ledger", scenario, period,
                List.of("facts/ledger/year=" + period / 100 + "/month=" + String.format("%02d", period % 100) + "/"
                        + loadId + "-" + scenario + ".parquet"),
                "ledger/huvudbok.csv", loadId, 1200L);
    }

    private static LoadRecord record(String loadId, Instant started) {
        return new LoadRecord(loadId, started, null, LoadRecord.Outcome.NOTHING_NEW, null, "/landing", null, List.of());
    }

    @Test
    void pruningVersionedPointersKeepsTheNewestValidOneThoseAboveItAndThoseOfKeptSnapshots() throws IOException {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        Path dir = store.layout().publishedPointersDir();
        Files.createDirectories(dir);
        for (String id : List.of("s3", "s5")) {
            store.writeSnapshot(new Snapshot(id, CREATED, "load-" + id, List.of(), List.of(), null));
        }
        // 1, 2: snapshots whose manifests were removed with their catalogues; 3: a kept snapshot;
        // 4: cut short by a crash; 5: the published one; 6: a crash while publishing after it.
        Files.writeString(dir.resolve("%020d".formatted(1)), "s1\n");
        Files.writeString(dir.resolve("%020d".formatted(2)), "s2\n");
        Files.writeString(dir.resolve("%020d".formatted(3)), "s3\n");
        Files.writeString(dir.resolve("%020d".formatted(4)), "s4");
        Files.writeString(dir.resolve("%020d".formatted(5)), "s5\n");
        Files.writeString(dir.resolve("%020d".formatted(6)), "s6");

        assertThat(store.pruneUnusedPointers()).isEqualTo(3);

        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                    "%020d".formatted(3), "%020d".formatted(5), "%020d".formatted(6));
        }
        assertThat(store.pruneUnusedPointers()).as("nothing left to prune").isZero();
    }

    @Test
    void aWarehouseOnTheLocalFileSystemHasNoPointersToPrune() {
        WarehouseStore store = new WarehouseStore(new WarehouseLayout(root));
        store.publish(Optional.empty(), "s1");

        assertThat(store.pruneUnusedPointers()).isZero();
        assertThat(store.currentSnapshotId()).contains("s1");
    }
}
