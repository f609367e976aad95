package se.nyckeltal.jobs.schedule.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.nyckeltal.jobs.schedule.testing.FakeLauncher.HANG;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.testing.FakeLauncher;
import se.nyckeltal.jobs.schedule.testing.MutableClock;
import se.nyckeltal.jobs.schedule.testing.TestDags;

/** The run model with a hand-moved clock and in-memory task attempts. */
class DagRunEngineTest {
    @TempDir
    Path state;

    private final FakeLauncher launcher = new FakeLauncher();
    /** Wednesday 12 March 2025, 05:00 in Stockholm. */
    private final MutableClock clock = MutableClock.at("2025-03-12T04:00:00Z");

    private static final String CHAIN = """
              - {task_id: a, bash_command: "echo {{ ds }}"}
              - {task_id: b, upstream: [a], bash_command: "echo b"}
              - {task_id: c, upstream: [b], bash_command: "echo c"}
            """;

    private DagRunEngine engine(DagDefinition dag) {
        return new DagRunEngine(DagBag.of(dag), new RunStore(state), launcher, clock, Map.of(), 4);
    }

    private static DagDefinition dag(String extra, String tasks) {
        return TestDags.daily("30 4 * * *", extra, tasks);
    }

    private static Map<String, TaskState> states(DagRun run) {
        Map<String, TaskState> states = new java.util.LinkedHashMap<>();
        run.taskInstances().forEach(t -> states.put(t.taskId(), t.state()));
        return states;
    }

    private DagRun only(DagRunEngine engine) {
        return engine.store().runs("test").get(engine.store().runs("test").size() - 1);
    }

    private void stepUntilIdle(DagRunEngine engine) {
        for (int i = 0; i < 50 && engine.hasActiveRuns(); i++) {
            engine.step();
        }
    }

    @Test
    void aScheduledRunCoversYesterdays0430ToToday0430AndPassesTheBusinessDateToItsTasks() {
        DagRunEngine engine = engine(dag("catchup: false", CHAIN));
        List<DagRun> created = engine.scheduleDue(clock.instant());
        assertThat(created).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("scheduled__2025-03-11T03:30:00+00:00");
            assertThat(run.logicalDate()).isEqualTo("2025-03-11T03:30:00Z");
            assertThat(run.dataIntervalEnd()).isEqualTo("2025-03-12T03:30:00Z");
            assertThat(run.state()).isEqualTo(RunState.QUEUED);
        });
        stepUntilIdle(engine);
        DagRun run = only(engine);
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(launcher.launchedTasks()).containsExactly("a", "b", "c");
        assertThat(launcher.launches().get(0).command()).isEqualTo("echo 2025-03-11");
        assertThat(launcher.launches().get(0).environment()).containsEntry("AIRFLOW_CTX_DAG_RUN_ID", run.runId());
        assertThat(engine.scheduleDue(clock.instant())).as("nothing more is due").isEmpty();
    }

    @Test
    void withCatchupEveryIntervalMissedWhileTheSchedulerWasDownGetsItsOwnRun() {
        DagDefinition dag = dag("catchup: true", CHAIN);
        engine(dag).scheduleDue(clock.instant()); // catchup from 1 January: every day up to 11 March
        int before = new RunStore(state).runs("test").size();
        assertThat(before).isEqualTo(70); // 1 Jan .. 11 Mar logical dates
        clock.set(Instant.parse("2025-03-16T10:00:00Z")); // down from Wednesday to Sunday
        List<DagRun> created = engine(dag).scheduleDue(clock.instant()); // a new engine and store: a restart
        assertThat(created).extracting(DagRun::runId).containsExactly(
                "scheduled__2025-03-12T03:30:00+00:00", "scheduled__2025-03-13T03:30:00+00:00",
                "scheduled__2025-03-14T03:30:00+00:00", "scheduled__2025-03-15T03:30:00+00:00");
    }

    @Test
    void withoutCatchupOnlyTheLatestMissedIntervalRuns() {
        DagDefinition dag = dag("catchup: false", CHAIN);
        engine(dag).scheduleDue(clock.instant());
        clock.set(Instant.parse("2025-03-16T10:00:00Z"));
        assertThat(engine(dag).scheduleDue(clock.instant())).extracting(DagRun::runId)
                .containsExactly("scheduled__2025-03-15T03:30:00+00:00");
    }

    @Test
    void aPausedDagGetsNoScheduledRuns() {
        DagRunEngine engine = engine(dag("catchup: false", CHAIN));
        engine.setPaused("test", true);
        assertThat(engine.scheduleDue(clock.instant())).isEmpty();
        engine.setPaused("test", false);
        assertThat(engine.scheduleDue(clock.instant())).hasSize(1);
    }

    @Test
    void aFailedTaskMakesItsDownstreamUpstreamFailedAndTheRunFailed() {
        launcher.script("a", 1);
        DagRunEngine engine = engine(dag("catchup: false", CHAIN));
        engine.scheduleDue(clock.instant());
        stepUntilIdle(engine);
        DagRun run = only(engine);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(states(run)).containsExactly(Map.entry("a", TaskState.FAILED), Map.entry("b", TaskState.UPSTREAM_FAILED),
                Map.entry("c", TaskState.UPSTREAM_FAILED));
        assertThat(launcher.launchedTasks()).containsExactly("a");
        assertThat(run.task("a").orElseThrow().exitCode()).isEqualTo(1);
    }

    @Test
    void exit99SkipsTheTaskAndAllSuccessDownstreamIsSkippedButTheRunSucceeds() {
        launcher.script("a", 99);
        DagRunEngine engine = engine(dag("catchup: false", CHAIN));
        engine.scheduleDue(clock.instant());
        stepUntilIdle(engine);
        DagRun run = only(engine);
        assertThat(states(run)).containsValues(TaskState.SKIPPED, TaskState.SKIPPED, TaskState.SKIPPED);
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void triggerRulesDecideWhatRunsAfterAFailureAndASkip() {
        // ok succeeds, bad fails, skip exits 99
        launcher.script("bad", 1).script("skip", 99);
        DagRunEngine engine = engine(dag("catchup: false", """
                  - {task_id: ok, bash_command: "true"}
                  - {task_id: bad, bash_command: "false"}
                  - {task_id: skip, bash_command: "exit 99"}
                  - {task_id: after_all, upstream: [ok, bad, skip], bash_command: "true"}
                  - {task_id: done, upstream: [ok, bad, skip], trigger_rule: all_done, bash_command: "true"}
                  - {task_id: cleanup, upstream: [ok, bad], trigger_rule: one_failed, bash_command: "true"}
                  - {task_id: quiet, upstream: [ok, skip], trigger_rule: none_failed, bash_command: "true"}
                  - {task_id: strict, upstream: [ok, skip], bash_command: "true"}
                  - {task_id: alarm, upstream: [ok, skip], trigger_rule: one_failed, bash_command: "true"}
                """));
        engine.scheduleDue(clock.instant());
        stepUntilIdle(engine);
        DagRun run = only(engine);
        assertThat(states(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ok", TaskState.SUCCESS, "bad", TaskState.FAILED, "skip", TaskState.SKIPPED,
                "after_all", TaskState.UPSTREAM_FAILED,  // all_success with a failed upstream
                "done", TaskState.SUCCESS,               // all_done runs whatever happened
                "cleanup", TaskState.SUCCESS,            // one_failed: bad failed
                "quiet", TaskState.SUCCESS,              // none_failed: a skip is not a failure
                "strict", TaskState.SKIPPED,             // all_success with a skipped upstream
                "alarm", TaskState.SKIPPED));            // one_failed when nothing failed
        assertThat(run.state()).as("the leaf after_all is upstream_failed").isEqualTo(RunState.FAILED);
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoffDelayAndFailsForGoodWhenTriesRunOut() {
        launcher.script("a", 1, 1, 1);
        DagRunEngine engine = engine(dag("catchup: false\ndefault_args: {retries: 2, retry_delay: 60s}", CHAIN));
        engine.scheduleDue(clock.instant());
        engine.step(); // starts a
        engine.step(); // a failed: up for retry in 60 s
        TaskInstance a = only(engine).task("a").orElseThrow();
        assertThat(a.state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(a.tryNumber()).isEqualTo(1);
        assertThat(a.nextRetryAt()).isEqualTo(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        engine.step();
        assertThat(launcher.launches()).as("not before its time").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        engine.step(); // second attempt starts
        engine.step(); // ...and fails
        clock.advance(Duration.ofSeconds(60));
        engine.step();
        engine.step();
        DagRun run = only(engine);
        assertThat(launcher.launches()).extracting(TaskLauncher.Launch::tryNumber).containsExactly(1, 2, 3);
        assertThat(run.task("a").orElseThrow().state()).isEqualTo(TaskState.FAILED);
        assertThat(run.task("a").orElseThrow().tryNumber()).isEqualTo(3);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void exponentialBackoffWaitsLongerForEachRetryUpToTheCap() {
        launcher.script("a", 1, 1, 1, 1);
        DagRunEngine engine = engine(dag("catchup: false\ndefault_args: {retries: 4, retry_delay: 60s,"
                + " retry_exponential_backoff: true, max_retry_delay: 5m}", CHAIN));
        engine.scheduleDue(clock.instant());
        List<Duration> waits = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            engine.step();
            engine.step();
            TaskInstance a = only(engine).task("a").orElseThrow();
            waits.add(Duration.between(a.endDate(), a.nextRetryAt()));
            clock.set(a.nextRetryAt());
        }
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(119));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(239));
        assertThat(waits.get(2)).isBetween(Duration.ofSeconds(240), Duration.ofMinutes(5));
        assertThat(waits.get(3)).isEqualTo(Duration.ofMinutes(5)); // 8 min or more, capped
    }

    @Test
    void executionTimeoutKillsTheAttemptAndCountsItAsFailed() {
        launcher.script("a", HANG);
        DagRunEngine engine = engine(dag("catchup: false\ndefault_args: {execution_timeout: 10m}", CHAIN));
        engine.scheduleDue(clock.instant());
        engine.step();
        clock.advance(Duration.ofMinutes(10));
        engine.step();
        assertThat(launcher.killed()).isEqualTo(1);
        TaskInstance a = only(engine).task("a").orElseThrow();
        assertThat(a.state()).isEqualTo(TaskState.FAILED);
        assertThat(a.note()).contains("execution_timeout of 10m exceeded");
    }

    @Test
    void dagrunTimeoutFailsTheRunAndSkipsWhatDidNotFinish() {
        launcher.script("a", HANG);
        DagRunEngine engine = engine(dag("catchup: false\ndagrun_timeout: 1h", CHAIN));
        engine.scheduleDue(clock.instant());
        engine.step();
        clock.advance(Duration.ofHours(1));
        engine.step();
        DagRun run = only(engine);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.note()).isEqualTo("dagrun_timeout of 1h exceeded");
        assertThat(states(run)).containsValues(TaskState.SKIPPED, TaskState.SKIPPED, TaskState.SKIPPED);
        assertThat(launcher.killed()).isEqualTo(1);
    }

    @Test
    void aRunNotFinishedByItsDeadlineIsFlagged() {
        launcher.script("a", HANG);
        clock.set(Instant.parse("2025-03-12T03:31:00Z")); // 04:31 local, just after the tick
        DagRunEngine engine = engine(dag("catchup: false\ndeadline: \"06:00\"", CHAIN));
        DagRun created = engine.scheduleDue(clock.instant()).get(0);
        assertThat(created.deadlineAt()).isEqualTo("2025-03-12T05:00:00Z"); // 06:00 +01
        engine.step();
        clock.set(Instant.parse("2025-03-12T04:59:59Z"));
        engine.step();
        assertThat(only(engine).deadlineMissed()).isFalse();
        clock.set(Instant.parse("2025-03-12T05:00:00Z"));
        engine.step();
        assertThat(only(engine).deadlineMissed()).isTrue();
        launcher.release("a", 0);
        stepUntilIdle(engine);
        assertThat(only(engine).state()).isEqualTo(RunState.SUCCESS);
        assertThat(only(engine).deadlineMissed()).as("stays in the history").isTrue();
    }

    @Test
    void backfillMakesOneRunPerIntervalAndNeverRunsMoreThanMaxActiveRuns() {
        DagRunEngine engine = engine(dag("catchup: false\nmax_active_runs: 2", CHAIN));
        DagRunEngine.BackfillPlan plan = engine.backfill("test", Instant.parse("2025-02-01T00:00:00Z"),
                Instant.parse("2025-02-11T00:00:00Z"), DagRunEngine.Reprocess.NONE);
        assertThat(plan.created()).hasSize(10);
        assertThat(plan.created()).extracting(DagRun::runId).first().isEqualTo("backfill__2025-02-01T03:30:00+00:00");
        assertThat(plan.created()).extracting(DagRun::runId).last().isEqualTo("backfill__2025-02-10T03:30:00+00:00");
        int most = 0;
        for (int i = 0; i < 200 && engine.hasActiveRuns(); i++) {
            engine.step();
            int running = (int) engine.store().runs("test").stream().filter(r -> r.state() == RunState.RUNNING).count();
            most = Math.max(most, running);
        }
        assertThat(most).isEqualTo(2);
        assertThat(engine.store().runs("test")).hasSize(10).allMatch(r -> r.state() == RunState.SUCCESS);
        assertThat(launcher.launches()).hasSize(30);

        DagRunEngine.BackfillPlan again = engine.backfill("test", Instant.parse("2025-02-01T00:00:00Z"),
                Instant.parse("2025-02-11T00:00:00Z"), DagRunEngine.Reprocess.NONE);
        assertThat(again.created()).isEmpty();
        assertThat(again.skipped()).hasSize(10);
        DagRunEngine.BackfillPlan redo = engine.backfill("test", Instant.parse("2025-02-05T00:00:00Z"),
                Instant.parse("2025-02-07T00:00:00Z"), DagRunEngine.Reprocess.COMPLETED);
        assertThat(redo.cleared()).extracting(DagRun::runId).containsExactly("backfill__2025-02-05T03:30:00+00:00",
                "backfill__2025-02-06T03:30:00+00:00");
        assertThat(engine.store().runs("test")).hasSize(10);
    }

    @Test
    void backfillReprocessFailedRerunsOnlyTheFailedIntervals() {
        launcher.script("a", 1); // the first run's task fails
        DagRunEngine engine = engine(dag("catchup: false\nmax_active_runs: 1", CHAIN));
        engine.backfill("test", Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-04T00:00:00Z"),
                DagRunEngine.Reprocess.NONE);
        stepUntilIdle(engine);
        assertThat(engine.store().runs("test")).extracting(DagRun::state)
                .containsExactly(RunState.FAILED, RunState.SUCCESS, RunState.SUCCESS);
        DagRunEngine.BackfillPlan plan = engine.backfill("test", Instant.parse("2025-02-01T00:00:00Z"),
                Instant.parse("2025-02-04T00:00:00Z"), DagRunEngine.Reprocess.FAILED);
        assertThat(plan.cleared()).extracting(DagRun::runId).containsExactly("backfill__2025-02-01T03:30:00+00:00");
        stepUntilIdle(engine);
        assertThat(engine.store().runs("test")).extracting(DagRun::state).containsOnly(RunState.SUCCESS);
    }

    @Test
    void aManualTriggerWithTheSameRunIdIsAConflict() {
        DagRunEngine engine = engine(dag("catchup: false", CHAIN));
        DagRun run = engine.trigger("test", "nightly_rerun", null, Map.of("reason", "restated ledger"));
        assertThat(run.runType()).isEqualTo(RunType.MANUAL);
        assertThat(run.logicalDate()).isEqualTo(clock.instant());
        assertThat(run.dataIntervalStart()).isEqualTo("2025-03-11T03:30:00Z");
        assertThat(run.externalTrigger()).isTrue();
        assertThatThrownBy(() -> engine.trigger("test", "nightly_rerun", null, Map.of()))
                .isInstanceOf(RunConflictException.class)
                .hasMessage("DAGRun with DAG ID: 'test' and DAGRun ID: 'nightly_rerun' already exists");
        assertThat(engine.trigger("test", null, Instant.parse("2025-03-01T00:00:00Z"), Map.of()).runId())
                .isEqualTo("manual__2025-03-01T00:00:00+00:00");
    }

    @Test
    void aRestartInTheMiddleOfARunRetriesTheInterruptedTaskAndFinishesTheRun() {
        launcher.script("b", HANG);
        DagDefinition dag = dag("catchup: false\ndefault_args: {retries: 1, retry_delay: 2m}", CHAIN);
        DagRunEngine first = engine(dag);
        first.scheduleDue(clock.instant());
        first.step();
        first.step();
        first.step();
        assertThat(states(only(first))).containsExactly(Map.entry("a", TaskState.SUCCESS),
                Map.entry("b", TaskState.RUNNING), Map.entry("c", TaskState.NONE));
        // The scheduler is killed here: no stop(), the state on disk says b is running.

        FakeLauncher afterRestart = new FakeLauncher();
        DagRunEngine second = new DagRunEngine(DagBag.of(dag), new RunStore(state), afterRestart, clock, Map.of(), 4);
        List<DagRun> recovered = second.recover();
        assertThat(recovered).hasSize(1);
        TaskInstance b = recovered.get(0).task("b").orElseThrow();
        assertThat(b.state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(b.note()).startsWith("interrupted: the scheduler stopped while attempt 1 ran");
        clock.advance(Duration.ofMinutes(2));
        stepUntilIdle(second);
        DagRun run = only(second);
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(afterRestart.launches()).extracting(TaskLauncher.Launch::taskId, TaskLauncher.Launch::tryNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 2), org.assertj.core.groups.Tuple.tuple("c", 1));
    }

    @Test
    void ofTheReadyTasksTheOneWithTheHighestPriorityWeightGetsTheFreeSlotFirst() {
        // Three independent sources and a load after them; one slot. b's own weight 5 makes its total
        // (downstream rule: itself + load) 6 against 2 for a and c, so it starts first; a and c keep the DAG's order.
        DagDefinition dag = dag("catchup: false", """
                  - {task_id: a, bash_command: "echo a"}
                  - {task_id: b, priority_weight: 5, bash_command: "echo b"}
                  - {task_id: c, bash_command: "echo c"}
                  - {task_id: load, upstream: [a, b, c], bash_command: "echo load"}
                """);
        launcher.script("a", HANG).script("b", HANG).script("c", HANG);
        DagRunEngine engine = new DagRunEngine(DagBag.of(dag), new RunStore(state), launcher, clock, Map.of(), 1);
        engine.scheduleDue(clock.instant());
        engine.step();
        assertThat(launcher.launchedTasks()).containsExactly("b");
        launcher.release("b", 0);
        engine.step();
        assertThat(launcher.launchedTasks()).containsExactly("b", "a");
        launcher.release("a", 0);
        engine.step();
        launcher.release("c", 0);
        stepUntilIdle(engine);
        assertThat(launcher.launchedTasks()).containsExactly("b", "a", "c", "load");
        assertThat(only(engine).state()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void withTheAbsoluteWeightRuleOnlyTheTasksOwnWeightCounts() {
        // a's total under downstream would be 1 + 10 (its downstream d); absolute keeps it at 1, so b (2) starts first.
        DagDefinition dag = dag("catchup: false", """
                  - {task_id: a, weight_rule: absolute, bash_command: "echo a"}
                  - {task_id: b, priority_weight: 2, weight_rule: absolute, bash_command: "echo b"}
                  - {task_id: d, upstream: [a], priority_weight: 10, bash_command: "echo d"}
                """);
        launcher.script("b", HANG);
        DagRunEngine engine = new DagRunEngine(DagBag.of(dag), new RunStore(state), launcher, clock, Map.of(), 1);
        engine.scheduleDue(clock.instant());
        engine.step();
        assertThat(launcher.launchedTasks()).containsExactly("b");
        launcher.release("b", 0);
        stepUntilIdle(engine);
        assertThat(launcher.launchedTasks()).containsExactly("b", "a", "d");
    }

    @Test
    void runsOfADagWithAWarehouseParamAreMirroredIntoTheWarehouseMetaFolder() throws Exception {
        Path warehouse = state.resolve("w");
        DagDefinition dag = TestDags.daily("30 4 * * *", "catchup: false\nparams: {warehouse: unset}", CHAIN);
        DagRunEngine engine = new DagRunEngine(DagBag.of(dag), new RunStore(state), launcher, clock,
                Map.of("warehouse", warehouse.toString()), 2);
        engine.scheduleDue(clock.instant());
        stepUntilIdle(engine);
        Path record = WarehouseRunRecords.file(warehouse, "test", "scheduled__2025-03-11T03:30:00+00:00");
        assertThat(record).exists();
        assertThat(java.nio.file.Files.readString(record)).contains("\"state\" : \"success\"")
                .contains("\"tasks_succeeded\" : 3").contains("\"data_interval_end\" : \"2025-03-12T03:30:00Z\"");
    }
}
