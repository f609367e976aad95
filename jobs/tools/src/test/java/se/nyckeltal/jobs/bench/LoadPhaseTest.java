package se.nyckeltal.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

/** How the bench turns a child's run and its load record into the numbers it reports. */
class LoadPhaseTest {
    @TempDir
    Path tmp;

    @Test
    void rowsPerSecondAreTheSourcesLoadedRowsOverItsIngestStage() {
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("spark_start", 2_000L);
        stages.put("ingest.ledger", 2_000L);
        stages.put("ingest.hr", 8_000L);
        LoadRecord record = new LoadRecord("L1", Instant.EPOCH, Instant.EPOCH, LoadRecord.Outcome.PUBLISHED, "L1",
                "/landing", "ok", List.of(loaded("ledger", "ledger/a.csv", 1_000), loaded("ledger", "ledger/b.csv", 3_000),
                        loaded("hr", "hr/tid.csv", 40_000),
                        FileOutcome.skipped("hr", "hr/old.csv", "00", FileOutcome.Status.SKIPPED_ALREADY_LOADED, "seen")),
                stages);
        ChildRun run = new ChildRun(List.of("load"), 15_000, 1L << 30, 0, tmp.resolve("load.log"));

        LoadPhase phase = LoadPhase.of("full", run, record);

        // ledger: 4 000 rows in 2 s = 2 000 rows/s; hr: 40 000 rows in 8 s = 5 000 rows/s; the skipped file counts nowhere
        assertThat(phase.sources()).extracting(LoadPhase.SourceLoad::source, LoadPhase.SourceLoad::files,
                LoadPhase.SourceLoad::rowsRead).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ledger", 2, 4_000L),
                        org.assertj.core.groups.Tuple.tuple("hr", 1, 40_000L));
        assertThat(phase.sources().get(0).rowsPerSecond()).isEqualTo(2_000.0);
        assertThat(phase.sources().get(1).rowsPerSecond()).isEqualTo(5_000.0);
        assertThat(phase.rowsRead()).isEqualTo(44_000);
        assertThat(phase.wallMillis()).isEqualTo(15_000);
        assertThat(phase.stage("publish")).isZero();
    }

    @Test
    void aChildRunIsThisBuildsCliInANewJvmWithItsExitCodeAndPeakMemory() throws Exception {
        ChildRun run = ChildRun.run(List.of("--version"), tmp.resolve("version.log"));

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(run.log())).contains("nyckeltal");
        assertThat(run.wallMillis()).isPositive();
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertThat(run.peakRssBytes()).isGreaterThan(1L << 20);
        }
    }

    @Test
    void theDagPhasesWarehouseLinksTheImmutableParquetFilesAndCopiesEverythingElse() throws Exception {
        Path from = tmp.resolve("w");
        Files.createDirectories(from.resolve("facts/ledger/year=2025/month=02"));
        Files.writeString(from.resolve("facts/ledger/year=2025/month=02/ACTUAL-L1-00000.parquet"), "facts");
        Files.writeString(from.resolve("current"), "L1\n");
        Files.writeString(from.resolve(".lock"), "");
        Path to = tmp.resolve("copy");

        WarehouseCopy.copy(from, to);

        Path parquet = to.resolve("facts/ledger/year=2025/month=02/ACTUAL-L1-00000.parquet");
        assertThat(Files.isSameFile(parquet, from.resolve("facts/ledger/year=2025/month=02/ACTUAL-L1-00000.parquet")))
                .isTrue();
        assertThat(Files.isSameFile(to.resolve("current"), from.resolve("current"))).isFalse();
        assertThat(to.resolve("current")).hasContent("L1");
        assertThat(to.resolve(".lock")).doesNotExist();
    }

    @Test
    void theDagPhaseRunsTheLastIntervalThatHasEnded() {
        // 04:30 in Stockholm is 03:30 UTC in winter: the interval of the 4th ends on the 5th at 03:30 UTC.
        assertThat(DagPhase.lastCompleteInterval(Instant.parse("2026-12-05T03:30:00Z"))).isEqualTo("2026-12-04");
        assertThat(DagPhase.lastCompleteInterval(Instant.parse("2026-12-05T03:29:59Z"))).isEqualTo("2026-12-03");
        assertThat(DagPhase.lastCompleteInterval(Instant.parse("2026-07-05T02:30:00Z"))).isEqualTo("2026-07-04");
    }

    private static FileOutcome loaded(String source, String path, long rows) {
        return new FileOutcome(source, path, "ff", FileOutcome.Status.LOADED, "UTF-8", ";", rows, rows, 0, 0, 0,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, true, List.of(), "");
    }
}
