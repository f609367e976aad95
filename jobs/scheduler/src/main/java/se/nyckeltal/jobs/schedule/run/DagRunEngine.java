package se.nyckeltal.jobs.schedule.run;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DataInterval;
import se.nyckeltal.jobs.schedule.dag.DurationText;
import se.nyckeltal.jobs.schedule.dag.TaskDefinition;
import se.nyckeltal.jobs.schedule.dag.Timetable;
import se.nyckeltal.jobs.schedule.dag.TriggerRule;

/**
 * Airflow's run model on our own store: creates runs (on schedule, with catchup; manual; backfill),
 * starts them within max_active_runs, starts tasks whose trigger rule allows, retries with backoff,
 * enforces execution_timeout and dagrun_timeout, flags missed deadlines, and recovers runs a crash
 * interrupted. It never sleeps and reads time only from its clock: the scheduler calls
 * {@link #step()} on a heartbeat, tests call it with a clock they move.
 */
public final class DagRunEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DagRunEngine.class);
    /** Airflow's BashOperator default: this exit code means "skipped", not "failed". */
    public static final int SKIP_EXIT_CODE = 99;
    /** {@link #awaitAttemptEnd} waits at least this long, so a loop around it never spins. */
    private static final Duration MIN_WAIT = Duration.ofMillis(10);

    /** What a backfill does with intervals that already have a run (Airflow 3's reprocess_behavior). */
    public enum Reprocess { NONE, FAILED, COMPLETED }

    /** What a backfill queued, re-queued and left alone. */
    public record BackfillPlan(List<DagRun> created, List<DagRun> cleared, List<String> skipped) {}

    private final DagBag dags;
    private final RunStore store;
    private final TaskLauncher launcher;
    private final Clock clock;
    private final Map<String, String> paramOverrides;
    private final int parallelism;
    private final String hostname;
    private final Map<String, TaskLauncher.Attempt> attempts = new HashMap<>();
    /** Completed by {@link #wakeUp}; a new one after each wait it ended. */
    private CompletableFuture<Void> wake = new CompletableFuture<>();

    /**
     * @param paramOverrides laid over every DAG's params (the scheduler's --landing, --warehouse)
     * @param parallelism task attempts running at once, over all DAGs (Airflow's parallelism)
     */
    public DagRunEngine(DagBag dags, RunStore store, TaskLauncher launcher, Clock clock,
            Map<String, String> paramOverrides, int parallelism) {
        this.dags = requireNonNull(dags, "dags");
        this.store = requireNonNull(store, "store");
        this.launcher = requireNonNull(launcher, "launcher");
        this.clock = requireNonNull(clock, "clock");
        this.paramOverrides = Map.copyOf(paramOverrides);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.hostname = hostname();
    }

    public DagBag dags() {
        return dags;
    }

    public RunStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public boolean isPaused(DagDefinition dag) {
        return store.paused(dag.dagId()).orElse(dag.pausedUponCreation());
    }

    public void setPaused(String dagId, boolean paused) {
        store.setPaused(dag(dagId).dagId(), paused);
        LOG.info("{}: {}", dagId, paused ? "paused" : "unpaused");
    }

    // ---------------------------------------------------------------------------------------------
    // Creating runs

    /** Creates the scheduled runs that are due at {@code now}, for every unpaused DAG. */
    public synchronized List<DagRun> scheduleDue(Instant now) {
        List<DagRun> created = new ArrayList<>();
        for (DagDefinition dag : dags.dags()) {
            created.addAll(scheduleDue(dag.dagId(), now));
        }
        return created;
    }

    /**
     * Creates the runs of every interval that has ended by {@code now} and has no run yet — all of
     * them with catchup, only the latest without (Airflow's rules). A paused DAG gets none.
     */
    public synchronized List<DagRun> scheduleDue(String dagId, Instant now) {
        DagDefinition dag = dag(dagId);
        if (isPaused(dag)) {
            return List.of();
        }
        List<DagRun> runs = store.runs(dagId);
        DataInterval last = runs.stream().filter(r -> r.runType() != RunType.MANUAL)
                .max(Comparator.comparing(DagRun::logicalDate)).map(DagRun::dataInterval).orElse(null);
        Timetable timetable = dag.timetable();
        List<DagRun> created = new ArrayList<>();
        DataInterval next = timetable.nextAutomated(last, dag.startDate(), dag.endDate(), dag.catchup(), now);
        while (next != null && !next.end().isAfter(now)) {
            Instant logical = next.start();
            if (runs.stream().noneMatch(r -> r.logicalDate().equals(logical))) {
                DagRun run = newRun(dag, RunType.SCHEDULED, RunType.SCHEDULED.runId(logical), logical, next, Map.of(),
                        false, now);
                if (store.create(run)) {
                    created.add(run);
                    LOG.info("{} {}: queued, data interval {} .. {}", dagId, run.runId(), next.start(), next.end());
                }
            }
            DataInterval after = timetable.nextAutomated(next, dag.startDate(), dag.endDate(), dag.catchup(), now);
            next = after != null && after.start().isAfter(next.start()) ? after : null;
        }
        return created;
    }

    /** The next scheduled run's interval as of now (the API's next_dagrun), if the DAG has one. */
    public synchronized Optional<DataInterval> nextScheduled(String dagId) {
        DagDefinition dag = dag(dagId);
        DataInterval last = store.runs(dagId).stream().filter(r -> r.runType() != RunType.MANUAL)
                .max(Comparator.comparing(DagRun::logicalDate)).map(DagRun::dataInterval).orElse(null);
        return Optional.ofNullable(dag.timetable().nextAutomated(last, dag.startDate(), dag.endDate(), dag.catchup(),
                clock.instant()));
    }

    /**
     * A manual run (Airflow's trigger): logical date now unless given, data interval inferred from
     * the schedule, run id {@code manual__<logical date>} unless given.
     *
     * @throws RunConflictException when the run id or the logical date is taken
     */
    public synchronized DagRun trigger(String dagId, String runId, Instant logicalDate, Map<String, Object> conf) {
        return trigger(dagId, runId, logicalDate, null, conf, null);
    }

    /**
     * A manual run as Airflow 3's trigger makes it: logical date now unless given, the data interval
     * given or inferred from the schedule, run id {@code manual__<logical date>} unless given, and a
     * note.
     *
     * @param interval the data interval, or null to infer it
     * @throws RunConflictException when the run id or the logical date is taken
     */
    public synchronized DagRun trigger(String dagId, String runId, Instant logicalDate, DataInterval interval,
            Map<String, Object> conf, String note) {
        DagDefinition dag = dag(dagId);
        Instant now = clock.instant();
        Instant logical = logicalDate == null ? now : logicalDate;
        String id = runId == null || runId.isBlank() ? RunType.MANUAL.runId(logical) : runId;
        for (DagRun existing : store.runs(dagId)) {
            if (existing.runId().equals(id)) {
                throw new RunConflictException("DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + id
                        + "' already exists");
            }
            if (existing.logicalDate().equals(logical)) {
                throw new RunConflictException("DAGRun with DAG ID: '" + dagId + "' and DAGRun logical date: '"
                        + AirflowTime.format(logical).replace('T', ' ') + "' already exists");
            }
        }
        DagRun run = newRun(dag, RunType.MANUAL, id, logical,
                interval != null ? interval : dag.timetable().inferManual(logical), conf, true, now);
        if (note != null) {
            run = withNote(run, note);
        }
        if (!store.create(run)) {
            throw new RunConflictException("DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + id
                    + "' already exists");
        }
        LOG.info("{} {}: triggered{}", dagId, id, conf.isEmpty() ? "" : " with conf " + conf);
        return run;
    }

    /**
     * Sets a run's state by hand, as Airflow's "mark success / failed / queued": success marks every
     * unfinished task success; failed marks running tasks failed and the other unfinished ones
     * skipped; both kill the run's task processes. Queued sends the run back to the queue, its tasks
     * as they are.
     */
    public synchronized DagRun markRun(String dagId, String runId, RunState state) {
        DagDefinition dag = dag(dagId);
        DagRun run = store.run(dagId, runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        Instant now = clock.instant();
        DagRun marked;
        if (state == RunState.QUEUED) {
            marked = new DagRun(run.dagId(), run.runId(), run.runType(), RunState.QUEUED, run.logicalDate(),
                    run.dataIntervalStart(), run.dataIntervalEnd(), now, null, null, run.conf(), run.externalTrigger(),
                    run.deadlineAt(), run.deadlineMissed(), run.note(), run.taskInstances());
        } else if (state == RunState.SUCCESS || state == RunState.FAILED) {
            String why = "marked " + state.wire() + " by hand";
            List<TaskInstance> tasks = new ArrayList<>();
            for (TaskInstance ti : run.taskInstances()) {
                TaskLauncher.Attempt attempt = attempts.remove(key(run, ti.taskId()));
                if (attempt != null) {
                    attempt.kill();
                }
                if (ti.state().finished()) {
                    tasks.add(ti);
                } else if (state == RunState.SUCCESS) {
                    tasks.add(ti.finished(TaskState.SUCCESS, now, ti.exitCode(), why));
                } else {
                    boolean running = ti.state() == TaskState.RUNNING || ti.state() == TaskState.QUEUED;
                    tasks.add(ti.finished(running ? TaskState.FAILED : TaskState.SKIPPED, now, ti.exitCode(), why));
                }
            }
            DagRun ended = run.withTasks(tasks);
            marked = new DagRun(ended.dagId(), ended.runId(), ended.runType(), state, ended.logicalDate(),
                    ended.dataIntervalStart(), ended.dataIntervalEnd(), ended.queuedAt(),
                    ended.startDate() == null ? now : ended.startDate(), now, ended.conf(), ended.externalTrigger(),
                    ended.deadlineAt(), ended.deadlineMissed(), ended.note(), ended.taskInstances());
        } else {
            throw new IllegalArgumentException("a run can be marked queued, success or failed, not " + state.wire());
        }
        save(dag, marked);
        LOG.info("{} {}: marked {} (was {})", dagId, runId, state.wire(), run.state().wire());
        return marked;
    }

    /** Sets (or with null removes) a run's note. */
    public synchronized DagRun setNote(String dagId, String runId, String note) {
        DagDefinition dag = dag(dagId);
        DagRun run = store.run(dagId, runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        DagRun noted = withNote(run, note);
        save(dag, noted);
        return noted;
    }

    /** The task instances {@link #clear} would clear: all, or with onlyFailed the failed and upstream_failed. */
    public synchronized List<TaskInstance> clearable(String dagId, String runId, boolean onlyFailed) {
        DagRun run = store.run(dagId, runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        return run.taskInstances().stream().filter(ti -> !onlyFailed || ti.state().failedLike()).toList();
    }

    /**
     * Airflow's clear: the chosen task instances go back to waiting (their attempt counts kept, so
     * they get their retries again), processes of running ones are killed, and the run is queued
     * again. With nothing to clear the run is left as it is.
     */
    public synchronized DagRun clear(String dagId, String runId, boolean onlyFailed) {
        DagDefinition dag = dag(dagId);
        DagRun run = store.run(dagId, runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        List<TaskInstance> chosen = clearable(dagId, runId, onlyFailed);
        if (chosen.isEmpty()) {
            return run;
        }
        Instant now = clock.instant();
        List<TaskInstance> tasks = new ArrayList<>();
        for (TaskInstance ti : run.taskInstances()) {
            if (!chosen.contains(ti)) {
                tasks.add(ti);
                continue;
            }
            TaskLauncher.Attempt attempt = attempts.remove(key(run, ti.taskId()));
            if (attempt != null) {
                attempt.kill();
            }
            tasks.add(ti.cleared());
        }
        DagRun cleared = new DagRun(run.dagId(), run.runId(), run.runType(), RunState.QUEUED, run.logicalDate(),
                run.dataIntervalStart(), run.dataIntervalEnd(), now, null, null, run.conf(), run.externalTrigger(),
                run.deadlineAt(), run.deadlineMissed(), run.note(), tasks);
        save(dag, cleared);
        LOG.info("{} {}: cleared {} task(s){}, queued again", dagId, runId, chosen.size(), onlyFailed ? " (failed only)" : "");
        return cleared;
    }

    private static DagRun withNote(DagRun run, String note) {
        return new DagRun(run.dagId(), run.runId(), run.runType(), run.state(), run.logicalDate(),
                run.dataIntervalStart(), run.dataIntervalEnd(), run.queuedAt(), run.startDate(), run.endDate(), run.conf(),
                run.externalTrigger(), run.deadlineAt(), run.deadlineMissed(), note, run.taskInstances());
    }

    /**
     * One run per interval whose logical date falls in {@code [from, to)} and which has ended by now.
     * Intervals that have a run already are left alone, or re-queued (cleared) per {@code reprocess};
     * a run still active is never touched.
     */
    public synchronized BackfillPlan backfill(String dagId, Instant from, Instant to, Reprocess reprocess) {
        DagDefinition dag = dag(dagId);
        if (!(dag.timetable() instanceof se.nyckeltal.jobs.schedule.dag.CronTimetable)) {
            throw new IllegalArgumentException(dagId + " has no cron schedule (" + dag.timetable().expression()
                    + "), so it has no intervals to backfill; trigger it instead");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        Instant now = clock.instant();
        Map<Instant, DagRun> byLogical = new LinkedHashMap<>();
        store.runs(dagId).forEach(r -> byLogical.put(r.logicalDate(), r));
        List<DagRun> created = new ArrayList<>();
        List<DagRun> cleared = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        DataInterval next = dag.timetable().nextAutomated(null, from, null, true, now);
        while (next != null && next.start().isBefore(to)) {
            if (next.end().isAfter(now)) {
                skipped.add(AirflowTime.format(next.start()) + ": the interval has not ended yet");
                break;
            }
            DagRun existing = byLogical.get(next.start());
            if (existing == null) {
                DagRun run = newRun(dag, RunType.BACKFILL, RunType.BACKFILL.runId(next.start()), next.start(), next,
                        Map.of(), false, now);
                if (store.create(run)) {
                    created.add(run);
                }
            } else if (!existing.state().finished()) {
                skipped.add(existing.runId() + ": " + existing.state().wire() + ", left alone");
            } else if (reprocess == Reprocess.COMPLETED
                    || (reprocess == Reprocess.FAILED && existing.state() == RunState.FAILED)) {
                DagRun again = existing.cleared(now);
                store.save(again);
                cleared.add(again);
            } else {
                skipped.add(existing.runId() + ": already " + existing.state().wire()
                        + (reprocess == Reprocess.NONE ? " (--reprocess failed or completed to run it again)" : ""));
            }
            next = dag.timetable().nextAutomated(next, from, null, true, now);
        }
        LOG.info("{}: backfill {} .. {}: {} new run(s), {} re-queued, {} left alone", dagId, from, to, created.size(),
                cleared.size(), skipped.size());
        return new BackfillPlan(created, cleared, skipped);
    }

    private DagRun newRun(DagDefinition dag, RunType type, String runId, Instant logical, DataInterval interval,
            Map<String, Object> conf, boolean external, Instant now) {
        List<TaskInstance> tasks = dag.tasks().stream().map(t -> TaskInstance.waiting(t.taskId(), t.retry().retries()))
                .toList();
        Instant deadline = type == RunType.SCHEDULED && dag.deadline() != null
                ? dag.deadline().at(interval.end(), dag.timezone()) : null;
        return new DagRun(dag.dagId(), runId, type, RunState.QUEUED, logical, interval.start(), interval.end(), now,
                null, null, conf, external, deadline, false, null, tasks);
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    /**
     * At start-up: runs left running by a scheduler that stopped (crashed or killed) have task
     * attempts nobody watches. Their processes, if still alive, are killed; each such attempt counts
     * as failed and is retried per the task's policy.
     */
    public synchronized List<DagRun> recover() {
        Instant now = clock.instant();
        List<DagRun> recovered = new ArrayList<>();
        for (DagDefinition dag : dags.dags()) {
            for (DagRun run : store.runs(dag.dagId())) {
                if (run.state() != RunState.RUNNING) {
                    continue;
                }
                DagRun updated = run;
                for (TaskInstance ti : run.taskInstances()) {
                    boolean inFlight = ti.state() == TaskState.RUNNING || ti.state() == TaskState.QUEUED;
                    if (!inFlight || attempts.containsKey(key(run, ti.taskId()))) {
                        continue;
                    }
                    killOrphan(ti);
                    TaskInstance failed = failAttempt(dag, run, ti, now, null,
                            "interrupted: the scheduler stopped while attempt " + ti.tryNumber() + " ran");
                    LOG.warn("{} {}: task {} was running when the scheduler stopped; now {}", dag.dagId(), run.runId(),
                            ti.taskId(), describe(failed));
                    updated = updated.withTask(failed);
                }
                if (updated != run) {
                    save(dag, updated);
                    recovered.add(updated);
                }
            }
        }
        return recovered;
    }

    /** One pass over every active run: finish, time out, retry, start what may start, end runs. */
    public synchronized void step() {
        Instant now = clock.instant();
        for (DagDefinition dag : dags.dags()) {
            boolean paused = isPaused(dag);
            List<DagRun> active = store.runs(dag.dagId()).stream().filter(r -> !r.state().finished()).toList();
            long running = active.stream().filter(r -> r.state() == RunState.RUNNING).count();
            for (DagRun run : active) {
                DagRun current = run;
                if (current.state() == RunState.QUEUED && !paused && running < dag.maxActiveRuns()) {
                    current = current.started(now);
                    running++;
                    LOG.info("{} {}: running", dag.dagId(), current.runId());
                }
                if (current.state() == RunState.RUNNING) {
                    current = advance(dag, current, now, paused);
                }
                current = checkDeadline(dag, current, now);
                if (!current.equals(run)) {
                    save(dag, current);
                }
            }
        }
    }

    /**
     * Waits until a task attempt this engine watches ends, at most {@code max} (at least a few milliseconds):
     * a caller that steps after it starts the next task when one ends, not at its next heartbeat.
     */
    public void awaitAttemptEnd(Duration max) throws InterruptedException {
        List<CompletableFuture<?>> ends = new ArrayList<>();
        synchronized (this) {
            attempts.values().forEach(a -> ends.add(a.ended()));
            ends.add(wake);
        }
        long millis = Math.max(MIN_WAIT.toMillis(), max.toMillis());
        // Never spin: an attempt that has ended but is not yet polled (its run not advanced) completes at once.
        Thread.sleep(MIN_WAIT.toMillis());
        try {
            CompletableFuture.anyOf(ends.toArray(CompletableFuture[]::new))
                    .get(millis - MIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // nothing ended in time (or the watch failed): the caller steps anyway
        }
        synchronized (this) {
            if (wake.isDone()) {
                wake = new CompletableFuture<>();
            }
        }
    }

    /** Ends a wait in {@link #awaitAttemptEnd} now (a scheduler that stops). */
    public synchronized void wakeUp() {
        wake.complete(null);
    }

    /** True while any run of any DAG is queued or running. */
    public synchronized boolean hasActiveRuns() {
        return dags.dags().stream().anyMatch(d -> store.runs(d.dagId()).stream().anyMatch(r -> !r.state().finished()));
    }

    /** Task attempts this engine is watching. */
    public synchronized int runningAttempts() {
        return attempts.size();
    }

    /**
     * On shutdown: running attempts are killed and count as failed (retried per policy when the
     * scheduler comes back), exactly as if it had crashed, but without leaving processes behind.
     */
    public synchronized void stop() {
        if (attempts.isEmpty()) {
            return;
        }
        attempts.values().forEach(TaskLauncher.Attempt::kill);
        attempts.clear();
        recover();
    }

    private DagRun advance(DagDefinition dag, DagRun run, Instant now, boolean paused) {
        run = pollAttempts(dag, run, now);
        if (dag.dagrunTimeout() != null && !now.isBefore(run.startDate().plus(dag.dagrunTimeout()))) {
            return timeOut(dag, run, now);
        }
        if (!paused) {
            run = resolveDependencies(dag, run, now);
            run = launchScheduled(dag, run, now);
        }
        if (run.taskInstances().stream().allMatch(t -> t.state().finished())) {
            DagRun done = run;
            boolean failed = dag.leaves().stream()
                    .anyMatch(leaf -> done.task(leaf.taskId()).map(t -> t.state().failedLike()).orElse(false));
            RunState end = failed ? RunState.FAILED : RunState.SUCCESS;
            DagRun ended = run.ended(end, now, null);
            String summary = summary(ended);
            if (failed) {
                LOG.warn("{} {}: failed ({})", dag.dagId(), run.runId(), summary);
            } else {
                LOG.info("{} {}: success ({})", dag.dagId(), run.runId(), summary);
            }
            return ended;
        }
        return run;
    }

    private DagRun pollAttempts(DagDefinition dag, DagRun run, Instant now) {
        for (TaskInstance ti : run.taskInstances()) {
            if (ti.state() != TaskState.RUNNING && ti.state() != TaskState.QUEUED) {
                continue;
            }
            String key = key(run, ti.taskId());
            TaskLauncher.Attempt attempt = attempts.get(key);
            if (attempt == null) {
                run = run.withTask(failAttempt(dag, run, ti, now, null, "attempt lost: no process is watching it"));
                continue;
            }
            OptionalInt exit = attempt.exitCode();
            Duration timeout = dag.task(ti.taskId()).map(TaskDefinition::executionTimeout).orElse(null);
            if (exit.isPresent()) {
                attempts.remove(key);
                run = run.withTask(finish(dag, run, ti, exit.getAsInt(), now));
            } else if (timeout != null && !now.isBefore(ti.startDate().plus(timeout))) {
                attempt.kill();
                attempts.remove(key);
                TaskInstance failed = failAttempt(dag, run, ti, now, null,
                        "execution_timeout of " + DurationText.format(timeout) + " exceeded: killed");
                LOG.warn("{} {}: task {} ran longer than its execution_timeout ({}); killed, now {}", dag.dagId(),
                        run.runId(), ti.taskId(), DurationText.format(timeout), describe(failed));
                run = run.withTask(failed);
            }
        }
        return run;
    }

    private DagRun timeOut(DagDefinition dag, DagRun run, Instant now) {
        String why = "dagrun_timeout of " + DurationText.format(dag.dagrunTimeout()) + " exceeded";
        List<TaskInstance> tasks = new ArrayList<>();
        for (TaskInstance ti : run.taskInstances()) {
            TaskLauncher.Attempt attempt = attempts.remove(key(run, ti.taskId()));
            if (attempt != null) {
                attempt.kill();
            }
            // Airflow sets every unfinished task instance of a timed-out run to skipped.
            tasks.add(ti.state().finished() ? ti : ti.finished(TaskState.SKIPPED, now, ti.exitCode(), why));
        }
        LOG.warn("{} {}: failed: {}", dag.dagId(), run.runId(), why);
        return run.withTasks(tasks).ended(RunState.FAILED, now, why);
    }

    /** Tasks waiting on upstream: scheduled, skipped or upstream_failed by their trigger rule. */
    private DagRun resolveDependencies(DagDefinition dag, DagRun run, Instant now) {
        for (TaskDefinition task : dag.tasks()) { // dependency order, so a decision cascades in one pass
            TaskInstance ti = run.task(task.taskId()).orElse(null);
            if (ti == null) {
                continue;
            }
            if (ti.state() == TaskState.UP_FOR_RETRY && !now.isBefore(ti.nextRetryAt())) {
                run = run.withTask(ti.scheduled());
                continue;
            }
            if (ti.state() != TaskState.NONE) {
                continue;
            }
            int succeeded = 0;
            int skipped = 0;
            int failed = 0;
            for (String up : task.upstream()) {
                TaskState state = run.task(up).map(TaskInstance::state).orElse(TaskState.NONE);
                succeeded += state == TaskState.SUCCESS ? 1 : 0;
                skipped += state == TaskState.SKIPPED ? 1 : 0;
                failed += state.failedLike() ? 1 : 0;
            }
            TriggerRule.Decision decision = task.triggerRule().decide(task.upstream().size(), succeeded, skipped, failed);
            String rule = "trigger rule " + task.triggerRule().wire();
            switch (decision) {
                case RUN -> run = run.withTask(ti.scheduled());
                case SKIP -> run = run.withTask(ti.finished(TaskState.SKIPPED, now, null, rule + ": upstream "
                        + (failed == 0 && task.triggerRule() == TriggerRule.ONE_FAILED ? "all succeeded" : "skipped")));
                case UPSTREAM_FAILED -> {
                    run = run.withTask(ti.finished(TaskState.UPSTREAM_FAILED, now, null, rule + ": an upstream task failed"));
                    LOG.info("{} {}: task {} upstream_failed", dag.dagId(), run.runId(), ti.taskId());
                }
                case WAIT -> { }
            }
        }
        return run;
    }

    /**
     * Starts the run's scheduled tasks while slots are free, as Airflow's scheduler queues them: the highest
     * effective priority weight first ({@link DagDefinition#priorityWeightTotal}), ties in the DAG's order.
     */
    private DagRun launchScheduled(DagDefinition dag, DagRun run, Instant now) {
        List<TaskDefinition> byPriority = new ArrayList<>(dag.tasks());
        byPriority.sort(Comparator.comparingInt((TaskDefinition t) -> dag.priorityWeightTotal(t.taskId())).reversed());
        for (TaskDefinition task : byPriority) {
            TaskInstance ti = run.task(task.taskId()).orElse(null);
            if (ti == null || ti.state() != TaskState.SCHEDULED) {
                continue;
            }
            if (attempts.size() >= parallelism) {
                break;
            }
            run = run.withTask(launch(dag, run, task, ti, now));
        }
        return run;
    }

    private TaskInstance launch(DagDefinition dag, DagRun run, TaskDefinition task, TaskInstance ti, Instant now) {
        String command;
        try {
            command = task.command().render(runVariables(run, task), params(dag, run), run.conf());
        } catch (IllegalArgumentException e) {
            LOG.warn("{} {}: task {} cannot start: {}", dag.dagId(), run.runId(), task.taskId(), e.getMessage());
            return ti.finished(TaskState.FAILED, now, null, e.getMessage());
        }
        int tryNumber = ti.tryNumber() + 1;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AIRFLOW_CTX_DAG_ID", dag.dagId());
        env.put("AIRFLOW_CTX_TASK_ID", task.taskId());
        env.put("AIRFLOW_CTX_LOGICAL_DATE", AirflowTime.format(run.logicalDate()));
        env.put("AIRFLOW_CTX_EXECUTION_DATE", AirflowTime.format(run.logicalDate()));
        env.put("AIRFLOW_CTX_DAG_RUN_ID", run.runId());
        env.put("AIRFLOW_CTX_TRY_NUMBER", Integer.toString(tryNumber));
        Path log = store.logFile(dag.dagId(), run.runId(), task.taskId(), tryNumber);
        TaskLauncher.Attempt attempt;
        try {
            attempt = launcher.launch(new TaskLauncher.Launch(dag.dagId(), run.runId(), task.taskId(), tryNumber,
                    command, env, log));
        } catch (IOException | RuntimeException e) {
            TaskInstance started = ti.started(now, -1, null, hostname);
            return failAttempt(dag, run, started, now, null, "could not start: " + e.getMessage());
        }
        attempts.put(key(run, task.taskId()), attempt);
        LOG.info("{} {}: task {} attempt {} started (pid {}), log {}", dag.dagId(), run.runId(), task.taskId(),
                tryNumber, attempt.pid(), log);
        return ti.started(now, attempt.pid(), attempt.processStart(), hostname);
    }

    private TaskInstance finish(DagDefinition dag, DagRun run, TaskInstance ti, int exit, Instant now) {
        if (exit == 0) {
            LOG.info("{} {}: task {} success", dag.dagId(), run.runId(), ti.taskId());
            return ti.finished(TaskState.SUCCESS, now, exit, null);
        }
        if (exit == SKIP_EXIT_CODE) {
            LOG.info("{} {}: task {} skipped (exit {})", dag.dagId(), run.runId(), ti.taskId(), exit);
            return ti.finished(TaskState.SKIPPED, now, exit, "exit code " + exit + ": skipped");
        }
        TaskInstance failed = failAttempt(dag, run, ti, now, exit, "exit code " + exit);
        LOG.warn("{} {}: task {} attempt {} failed with exit code {}; {}", dag.dagId(), run.runId(), ti.taskId(),
                ti.tryNumber(), exit, describe(failed));
        return failed;
    }

    /** A failed attempt: up_for_retry while tries remain (after the backoff delay), else failed. */
    private TaskInstance failAttempt(DagDefinition dag, DagRun run, TaskInstance ti, Instant now, Integer exit,
            String why) {
        Optional<TaskDefinition> task = dag.task(ti.taskId());
        if (task.isPresent() && ti.tryNumber() <= ti.maxTries()) {
            Duration delay = task.get().retry().delayAfter(Math.max(1, ti.tryNumber()), dag.dagId(), ti.taskId(),
                    run.logicalDate());
            return ti.retryAt(now, now.plus(delay), exit, why + "; retry " + ti.tryNumber() + " of " + ti.maxTries()
                    + " after " + DurationText.format(delay));
        }
        return ti.finished(TaskState.FAILED, now, exit, why);
    }

    private DagRun checkDeadline(DagDefinition dag, DagRun run, Instant now) {
        if (run.deadlineAt() == null || run.deadlineMissed()) {
            return run;
        }
        boolean missed = run.state().finished() ? run.endDate().isAfter(run.deadlineAt())
                : !now.isBefore(run.deadlineAt());
        if (!missed) {
            return run;
        }
        LOG.warn("ALERT {} {}: deadline missed: not finished by {} ({}), state {}", dag.dagId(), run.runId(),
                run.deadlineAt().atZone(dag.timezone()).toLocalDateTime(), dag.timezone(), run.state().wire());
        return run.flagDeadlineMissed();
    }

    private void save(DagDefinition dag, DagRun run) {
        store.save(run);
        String warehouse = params(dag, run).get("warehouse");
        if (warehouse != null && !warehouse.isBlank()) {
            WarehouseRunRecords.write(Path.of(warehouse), run);
        }
    }

    /** Airflow's template variables for a run; dates in UTC as Airflow renders them. */
    static Map<String, String> runVariables(DagRun run, TaskDefinition task) {
        LocalDate ds = run.logicalDate().atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, String> values = new HashMap<>();
        values.put("ds", ds.toString());
        values.put("ds_nodash", ds.toString().replace("-", ""));
        values.put("ts", AirflowTime.format(run.logicalDate()));
        values.put("logical_date", AirflowTime.format(run.logicalDate()));
        values.put("data_interval_start", AirflowTime.format(run.dataIntervalStart()));
        values.put("data_interval_end", AirflowTime.format(run.dataIntervalEnd()));
        values.put("run_id", run.runId());
        values.put("dag.dag_id", run.dagId());
        values.put("task.task_id", task.taskId());
        return values;
    }

    /** The DAG's params, then the scheduler's overrides, then the run's conf (Airflow lets conf win). */
    public Map<String, String> params(DagDefinition dag, DagRun run) {
        Map<String, String> params = new LinkedHashMap<>(dag.params());
        paramOverrides.forEach((k, v) -> {
            if (params.containsKey(k)) {
                params.put(k, v);
            }
        });
        if (run != null) {
            run.conf().forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        return params;
    }

    private DagDefinition dag(String dagId) {
        return dags.get(dagId).orElseThrow(() -> new UnknownDagException(dagId));
    }

    private static void killOrphan(TaskInstance ti) {
        if (ti.pid() == null || ti.pid() <= 0) {
            return;
        }
        ProcessHandle.of(ti.pid()).ifPresent(process -> {
            Instant started = process.info().startInstant().orElse(null);
            boolean same = ti.pidStartedAt() == null || started == null
                    || Duration.between(started, ti.pidStartedAt()).abs().compareTo(Duration.ofSeconds(2)) <= 0;
            if (same && process.isAlive()) {
                LOG.warn("killing process {} of interrupted task {}", ti.pid(), ti.taskId());
                ProcessTaskLauncher.killTree(process);
            }
        });
    }

    private static String describe(TaskInstance ti) {
        return ti.state() == TaskState.UP_FOR_RETRY ? "up_for_retry at " + ti.nextRetryAt() : ti.state().wire();
    }

    private static String summary(DagRun run) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        run.taskInstances().forEach(t -> counts.merge(t.state().wire(), 1, Integer::sum));
        return counts.toString().replace("{", "").replace("}", "").replace("=", " ");
    }

    private static String key(DagRun run, String taskId) {
        return run.dagId() + "\n" + run.runId() + "\n" + taskId;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
