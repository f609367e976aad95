package se.nyckeltal.jobs.schedule.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.testing.MutableClock;
import se.nyckeltal.jobs.schedule.testing.TestDags;

/** Real processes: exit codes, logs, killing on timeout, and orphans of a crashed scheduler. */
class ProcessTaskLauncherTest {
    @TempDir
    Path state;

    private final MutableClock clock = MutableClock.at("2025-03-12T04:00:00Z");

    private DagRunEngine engine(DagDefinition dag) {
        RunStore store = new RunStore(state);
        return new DagRunEngine(DagBag.of(dag), store, new ProcessTaskLauncher(store.root().resolve("bin")), clock,
                Map.of(), 2);
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, DagRunEngine engine) throws InterruptedException {
        for (int i = 0; i < 400 && !done.getAsBoolean(); i++) {
            engine.step();
            Thread.sleep(10);
        }
    }

    @Test
    void shellCommandsRunWithAirflowsContextAndTheirOutputGoesToTheAttemptLog() throws Exception {
        DagRunEngine engine = engine(TestDags.daily("30 4 * * *", "catchup: false", """
                  - {task_id: hello, bash_command: "echo run $AIRFLOW_CTX_DAG_RUN_ID for {{ ds }}"}
                  - {task_id: skip, upstream: [hello], bash_command: "exit 99"}
                """));
        engine.scheduleDue(clock.instant());
        waitUntil(() -> !engine.hasActiveRuns(), engine);
        DagRun run = engine.store().runs("test").get(0);
        assertThat(run.task("hello").orElseThrow().state()).isEqualTo(TaskState.SUCCESS);
        assertThat(run.task("skip").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
        Path log = engine.store().logFile("test", run.runId(), "hello", 1);
        assertThat(Files.readString(log)).contains("run scheduled__2025-03-11T03:30:00+00:00 for 2025-03-11");
        assertThat(log.toString()).endsWith("dag_id=test/run_id=scheduled__2025-03-11T03:30:00+00:00/task_id=hello/attempt=1.log");
    }

    /**
     * Tasks run side by side and each JVM removes its scratch folder when it exits, so every run of the launcher
     * gets a folder of its own (a folder fixed in the script was pulled from under the nightly's parallel ingest
     * tasks). bash -x shows the java command each run would exec.
     */
    @Test
    void eachRunOfTheLauncherGetsAScratchFolderOfItsOwn() throws Exception {
        Path bin = state.resolve("bin");
        new ProcessTaskLauncher(bin);
        java.util.List<String> folders = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process trace = new ProcessBuilder("bash", "-x", bin.resolve("nyckeltal").toString(), "--version")
                    .redirectErrorStream(true).start();
            String out = new String(trace.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            trace.waitFor();
            java.util.regex.Matcher tmpdir = java.util.regex.Pattern.compile("-Djava\\.io\\.tmpdir=(\\S+)").matcher(out);
            assertThat(tmpdir.find()).as(out).isTrue();
            folders.add(tmpdir.group(1));
        }
        assertThat(folders.get(0)).isNotEqualTo(folders.get(1));
        assertThat(folders).allSatisfy(folder -> {
            Path path = Path.of(folder);
            assertThat(path.getFileName().toString()).startsWith(se.nyckeltal.jobs.process.JvmScratch.PREFIX);
            assertThat(path.getParent()).isEqualTo(se.nyckeltal.jobs.process.JvmScratch.root());
            Files.deleteIfExists(path);
        });
    }

    /**
     * The nightly DAG's tasks are short JVMs that run with the C1 compiler only; the monthly reports and every
     * other command (a plain load) keep the JVM's tiered compilation. bash -x shows the java command.
     */
    @Test
    void theNightlyTasksRunWithTheC1CompilerOnly() throws Exception {
        Map<String, Boolean> c1Only = javaCommandsWith(ProcessTaskLauncher.NIGHTLY_TASK_JIT,
                "task run ingest_hr --ds 2025-03-14", "task run validate_ledger",
                "task run load_and_publish --ds 2025-03-14", "task run verify_published", "task run data_quality_checks",
                "task run build_facts", "task run report_units --dag monthly_report", "load --landing ingest_hr",
                "--version");
        assertThat(c1Only).containsExactly(Map.entry("task run ingest_hr --ds 2025-03-14", true),
                Map.entry("task run validate_ledger", true), Map.entry("task run load_and_publish --ds 2025-03-14", true),
                Map.entry("task run verify_published", true), Map.entry("task run data_quality_checks", true),
                Map.entry("task run build_facts", true), Map.entry("task run report_units --dag monthly_report", false),
                Map.entry("load --landing ingest_hr", false), Map.entry("--version", false));
    }

    /**
     * Every command the scheduler starts maps the class data sharing archive where it was dumped (no relocation of
     * its pointers at each start), except a server it would start: serve and scheduler keep the randomised address.
     */
    @Test
    void tasksMapTheClassArchiveWhereItWasDumpedServersDoNot() throws Exception {
        Map<String, Boolean> atDumpAddress = javaCommandsWith(ProcessTaskLauncher.ARCHIVE_AT_DUMP_ADDRESS,
                "task run ingest_hr --ds 2025-03-14", "task run report_units", "load --landing serve",
                "report --period 2025-03", "serve --port 5433", "scheduler --dags d");
        assertThat(atDumpAddress).containsExactly(Map.entry("task run ingest_hr --ds 2025-03-14", true),
                Map.entry("task run report_units", true), Map.entry("load --landing serve", true),
                Map.entry("report --period 2025-03", true), Map.entry("serve --port 5433", false),
                Map.entry("scheduler --dags d", false));
    }

    /**
     * For each command line, whether the java command the scheduler's launcher script runs for it holds {@code flags}
     * (bash -x shows the command).
     */
    private Map<String, Boolean> javaCommandsWith(String flags, String... commandLines) throws Exception {
        Path bin = state.resolve("bin");
        new ProcessTaskLauncher(bin);
        Map<String, Boolean> with = new java.util.LinkedHashMap<>();
        for (String arguments : commandLines) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", "-x",
                    bin.resolve("nyckeltal").toString()));
            command.addAll(java.util.List.of(arguments.split(" ")));
            Process trace = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(trace.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            trace.waitFor();
            String exec = out.lines().filter(line -> line.contains("-Djava.io.tmpdir=")).findFirst().orElseThrow();
            with.put(arguments, exec.contains(" " + flags + " "));
        }
        return with;
    }

    @Test
    void executionTimeoutKillsTheProcessAndItsChildren() throws Exception {
        DagRunEngine engine = engine(TestDags.daily("30 4 * * *", "catchup: false", """
                  - {task_id: slow, execution_timeout: 5s, bash_command: "sleep 60; echo never"}
                """));
        engine.scheduleDue(clock.instant());
        engine.step();
        long pid = engine.store().runs("test").get(0).task("slow").orElseThrow().pid();
        assertThat(ProcessHandle.of(pid)).isPresent();
        clock.advance(Duration.ofSeconds(5));
        engine.step();
        waitUntil(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), engine);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(engine.store().runs("test").get(0).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aSchedulerKilledMidRunLeavesAProcessThatTheNextOneKillsAndRetries() throws Exception {
        DagDefinition dag = TestDags.daily("30 4 * * *", "catchup: false", """
                  - {task_id: long, retries: 1, retry_delay: 1s, bash_command: "sleep 60"}
                """);
        DagRunEngine crashed = engine(dag);
        crashed.scheduleDue(clock.instant());
        crashed.step();
        long pid = crashed.store().runs("test").get(0).task("long").orElseThrow().pid();
        // crash: no stop(); the sleep goes on without anyone watching it

        DagRunEngine restarted = engine(dag);
        DagRun recovered = restarted.recover().get(0);
        assertThat(recovered.task("long").orElseThrow().state()).isEqualTo(TaskState.UP_FOR_RETRY);
        for (int i = 0; i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(10);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("orphan killed").isFalse();
        restarted.stop();
    }
}
