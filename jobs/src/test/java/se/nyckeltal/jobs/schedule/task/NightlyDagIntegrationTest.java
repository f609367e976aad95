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
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.LedgerLandingFixtures;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunState;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.run.TaskLauncher;
import se.nyckeltal.jobs.schedule.run.TaskState;
import se.nyckeltal.jobs.schedule.run.WarehouseRunRecords;
import se.nyckeltal.jobs.schedule.testing.MutableClock;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.query.OutputFormat;
import se.nyckeltal.warehouse.query.QueryRunner;

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
    void theNightlyRunParsesEachFileOnceInItsIngestTasksAndPublishesWhatAPlainLoadPublishes() throws Exception {
        Path landing = tmp.resolve("landing");
        Path warehouse = tmp.resolve("warehouse");
        LedgerLandingFixtures.write(landing);
        Files.createDirectories(landing.resolve("production"));
        Files.writeString(landing.resolve("production/besok-2025-02.csv"), "period;unit;contact_type;volume\n");
        Files.writeString(landing.resolve("production/produktion-2025-02.csv"),
                "period;unit;provider;contact_type;volume;scenario\n202502;U1;OWN;DOCTOR_VISIT;90;ACTUAL\n"
                        + "202502;U2;REGION_PRIMARY_CARE;DOCTOR_VISIT;55;ACTUAL\n");
        Files.createDirectories(landing.resolve("hr"));
        Files.writeString(landing.resolve("hr/tid-2025-02.csv"), hrFebruary());
        // delivered an hour ago: the shipped DAG's tasks leave files younger than five minutes for the next run
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
                Map.entry("ingest_ledger", TaskState.SUCCESS),
                Map.entry("ingest_production", TaskState.SUCCESS),  // a header-only production file is valid
                Map.entry("ingest_hr", TaskState.SUCCESS),
                Map.entry("load_and_publish", TaskState.SUCCESS),
                Map.entry("verify_published", TaskState.SUCCESS),
                Map.entry("data_quality_checks", TaskState.SUCCESS));
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(run.deadlineAt()).isEqualTo("2025-03-15T05:00:00Z"); // 06:00 Stockholm
        String ingestLog = Files.readString(store.logFile("nightly", run.runId(), "ingest_ledger", 1));
        assertThat(ingestLog).contains("business date 2025-03-14").contains("new ledger file(s) valid and staged in");
        String qualityLog = Files.readString(store.logFile("nightly", run.runId(), "data_quality_checks", 1));
        assertThat(qualityLog).contains("unmapped_cost_center").contains("0 error(s)");
        assertThat(Files.readString(store.logFile("nightly", run.runId(), "ingest_production", 1)))
                .contains("production/besok-2025-02.csv").contains("no data rows: nothing to load, no partition replaced")
                .contains("2 new production file(s) valid and staged");
        assertThat(WarehouseRunRecords.file(warehouse, "nightly", run.runId())).exists();
        assertThat(warehouse.resolve("current")).exists();

        // Each file parsed once: the load committed what the three tasks staged and never started Spark.
        String loadLog = Files.readString(store.logFile("nightly", run.runId(), "load_and_publish", 1));
        assertThat(loadLog).contains("ledger: 5 file(s) committed as ingested by run " + run.runId())
                .contains("production: 2 file(s) committed as ingested").contains("hr: 1 file(s) committed as ingested")
                .doesNotContain("ingested here");
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        WarehouseStore warehouseStore = new WarehouseStore(layout);
        LoadRecord record = warehouseStore.loadRecords().get(0);
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(record.stageMillis()).containsKeys("prepared.ledger", "prepared.production", "prepared.hr")
                .doesNotContainKeys("spark_start", "ingest.ledger", "ingest.production", "ingest.hr");
        assertThat(layout.preparedRoot()).as("the run's prepared folder went with its load").isEmptyDirectory();
        assertThat(layout.pseudonymKeyFingerprintFile()).exists();

        // The same files through a plain load publish the same catalogue.
        Path plain = tmp.resolve("plain");
        LoadRecord plainRecord = new LoadJob(new LoadSettings(landing, plain, LoadSettings.DEFAULT_REJECT_THRESHOLD)
                .withBusinessDate(java.time.LocalDate.of(2025, 3, 15)), () -> SparkSessions.getOrCreate("test"),
                java.time.Clock.systemUTC(), LoadProgress.SILENT).run();
        assertThat(plainRecord.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(new WarehouseStore(new WarehouseLayout(plain)).loadRecords().get(0).files())
                .as("every file's outcome, as meta.load_files shows it").isEqualTo(record.files());
        for (String query : List.of("SELECT * FROM kpi.kpi_values ORDER BY ALL",
                "SELECT * EXCLUDE (load_id) FROM fact.ledger ORDER BY ALL",
                "SELECT * EXCLUDE (load_id) FROM fact.production ORDER BY ALL",
                "SELECT * FROM fact.hr_time ORDER BY ALL")) {
            assertThat(csv(layout, query)).as(query).isEqualTo(csv(new WarehouseLayout(plain), query));
        }
        // The facts carry the load id of the load that published them, as a plain load's do.
        assertThat(csv(layout, "SELECT DISTINCT load_id FROM fact.ledger")).contains(record.loadId());
    }

    private static String csv(WarehouseLayout layout, String query) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        QueryRunner.run(layout, query, OutputFormat.CSV, out);
        return out.toString();
    }

    /** Eleven nurses at U1 on five days of February 2025, one of them sick for two. */
    private static String hrFebruary() {
        StringBuilder csv = new StringBuilder("Datum;Anstnr;Kst;Personalkategori;Yrke;Kön;Födelseår;Tidtyp;Timmar\n");
        for (int day = 3; day <= 7; day++) {
            for (int n = 1; n <= 11; n++) {
                String prefix = "2025-02-0" + day + ";19750315-24" + (10 + n) + ";U1;egen;Sjuksköterska;"
                        + (n == 11 ? "M" : "K") + ";1980;";
                csv.append(prefix).append("Schemalagd;8\n");
                csv.append(prefix).append(n == 1 && day <= 4 ? "Sjuk;8\n" : "Arbetad;8\n");
            }
        }
        return csv.toString();
    }
}
