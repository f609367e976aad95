package se.nyckeltal.jobs.schedule.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.jobs.load.LedgerLandingFixtures;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunState;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.run.TaskLauncher;
import se.nyckeltal.jobs.schedule.run.TaskState;
import se.nyckeltal.jobs.schedule.run.WarehouseRunRecords;
import se.nyckeltal.jobs.schedule.testing.MutableClock;

/**
 * The shipped nightly DAG with its real tasks against a tiny landing zone: each rendered
 * {@code nyckeltal …} command runs through NyckeltalCli in this JVM (one shared Spark session)
 * instead of a new process per task.
 */
@ExtendWith(SharedSpark.class)
class NightlyDagIntegrationTest {
    @TempDir
    Path tmp;

    /** Runs "nyckeltal ARGS" in-process; the command line holds no quoted words. */
    private static final class InProcessLauncher implements TaskLauncher {
        @Override
        public Attempt launch(Launch launch) throws java.io.IOException {
            assertThat(launch.command()).startsWith("nyckeltal ");
            String[] args = launch.command().substring("nyckeltal ".length()).trim().split("\\s+");
            StringWriter output = new StringWriter();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try (PrintWriter writer = new PrintWriter(output, true)) {
                    return NyckeltalCli.execute(writer, writer, args);
                }
            });
            return new Attempt() {
                @Override
                public long pid() {
                    return ProcessHandle.current().pid();
                }

                @Override
                public Instant processStart() {
                    return null;
                }

                @Override
                public OptionalInt exitCode() {
                    if (!exit.isDone()) {
                        return OptionalInt.empty();
                    }
                    try {
                        Files.createDirectories(launch.logFile().getParent());
                        Files.writeString(launch.logFile(), output.toString());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return OptionalInt.of(exit.join());
                }

                @Override
                public void kill() {
                    exit.cancel(true);
                }
            };
        }
    }

    @Test
    void theNightlyRunValidatesLoadsChecksAndRecordsItselfInTheWarehouse() throws Exception {
        Path landing = tmp.resolve("landing");
        Path warehouse = tmp.resolve("warehouse");
        LedgerLandingFixtures.write(landing);
        Files.createDirectories(landing.resolve("production"));
        Files.writeString(landing.resolve("production/besok-2025-02.csv"), "period;unit;contact_type;volume\n");
        // delivered an hour ago: the shipped DAG's load leaves files younger than five minutes for the next run
        try (var files = Files.walk(landing)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                        java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
            }
        }
        MutableClock clock = MutableClock.at("2025-03-15T03:31:00Z"); // Saturday 04:31, just after the tick
        RunStore store = new RunStore(tmp.resolve("state"));
        // the shipped nightly DAG alone: monthly_report, shipped beside it, would schedule its own run at this tick
        DagRunEngine engine = new DagRunEngine(DagBag.of(DagBag.shipped().get("nightly").orElseThrow()), store,
                new InProcessLauncher(), clock,
                Map.of("landing", landing.toString(), "warehouse", warehouse.toString()), 2);

        List<DagRun> created = engine.scheduleDue(clock.instant());
        assertThat(created).extracting(DagRun::runId).containsExactly("scheduled__2025-03-14T03:30:00+00:00");
        // a bound for a hung run, not a speed goal: on two busy cores the in-process load alone takes a minute
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (engine.hasActiveRuns() && System.nanoTime() < deadline) {
            engine.step();
            Thread.sleep(10);
        }
        DagRun run = store.runs("nightly").get(0);
        Map<String, TaskState> states = new java.util.LinkedHashMap<>();
        run.taskInstances().forEach(t -> states.put(t.taskId(), t.state()));
        assertThat(states).containsExactly(
                Map.entry("validate_ledger", TaskState.SUCCESS),
                Map.entry("validate_production", TaskState.SUCCESS),  // a header-only production file validates
                Map.entry("validate_hr", TaskState.SKIPPED),           // no new HR files tonight: exit 99
                Map.entry("load_and_publish", TaskState.SUCCESS),        // none_failed: the skips do not hold it back
                Map.entry("verify_published", TaskState.SUCCESS),
                Map.entry("data_quality_checks", TaskState.SUCCESS));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(run.deadlineAt()).isEqualTo("2025-03-15T05:00:00Z"); // 06:00 Stockholm
        String ingestLog = Files.readString(store.logFile("nightly", run.runId(), "validate_ledger", 1));
        assertThat(ingestLog).contains("business date 2025-03-14").contains("new ledger file(s) valid");
        String qualityLog = Files.readString(store.logFile("nightly", run.runId(), "data_quality_checks", 1));
        assertThat(qualityLog).contains("unmapped_cost_center").contains("0 error(s)");
        assertThat(Files.readString(store.logFile("nightly", run.runId(), "validate_production", 1)))
                .contains("production/besok-2025-02.csv").contains("no data rows: nothing to load, no partition replaced")
                .contains("1 new production file(s) valid and ready for the load");
        assertThat(WarehouseRunRecords.file(warehouse, "nightly", run.runId())).exists();
        assertThat(warehouse.resolve("current")).exists();
    }
}
