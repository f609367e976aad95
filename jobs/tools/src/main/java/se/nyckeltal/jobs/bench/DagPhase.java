package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.nyckeltal.etl.hr.PseudonymKeySource;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.run.TaskInstance;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * The nightly through the shipped DAG, end to end: {@code nyckeltal dags backfill nightly} of the last
 * complete interval, in a new JVM that runs the DAG's real tasks as CLI processes the way the scheduler does
 * (parallelism 2, the scheduler's default), on a copy of the warehouse as it was before the nightly load and
 * the same landing zone, so it reads the same new files. Timed from the process start to its exit, all six
 * tasks included. The DAG's tasks leave files younger than five minutes for the next night
 * ({@code --min-file-age 5m}); the nightly's files, staged minutes ago, get a modification time an hour back,
 * as files delivered before the 04:30 run have.
 *
 * @param tasks each task's state and time from its start to its end, in the DAG's order
 * @param loadStageMillis the stages of the load load_and_publish ran ({@code prepared.*}: committed as staged)
 */
record DagPhase(String runId, String state, long wallMillis, List<TaskTiming> tasks,
        Map<String, Long> loadStageMillis) {
    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** The shipped nightly's tick, 04:30 in Stockholm. */
    static final LocalTime TICK = LocalTime.of(4, 30);

    DagPhase {
        requireNonNull(runId, "runId");
        tasks = List.copyOf(tasks);
        loadStageMillis = new LinkedHashMap<>(loadStageMillis);
    }

    /** One task instance of the run. */
    record TaskTiming(String taskId, String state, long millis) {}

    /**
     * @param name names the run's log ({@code NAME.log}) and scheduler state folder ({@code NAME-scheduler}) in
     *     {@code run}
     * @param warehouse the warehouse to run on (a copy of the state before the nightly load)
     * @param keyFile the HR pseudonym key the plain loads use, handed to the tasks in {@value
     *     PseudonymKeySource#ENVIRONMENT_VARIABLE} (the DAG's commands name no key file)
     */
    static DagPhase run(Path run, String name, Path landing, Path warehouse, Path keyFile, List<Path> delivered) {
        for (Path file : delivered) {
            try {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().minus(
                        Duration.ofHours(1))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot date " + file + " back", e);
            }
        }
        Path state = run.resolve(name + "-scheduler");
        FileTree.delete(state);
        LocalDate day = lastCompleteInterval(Instant.now());
        String key;
        try {
            key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        }
        ChildRun child = ChildRun.run(List.of("dags", "backfill", "nightly", "--from", day.toString(), "--to",
                day.toString(), "--state", state.toString(), "--landing", landing.toString(), "--warehouse",
                warehouse.toString()), run.resolve(name + ".log"),
                Map.of(PseudonymKeySource.ENVIRONMENT_VARIABLE, key));
        List<DagRun> runs = new RunStore(state).runs("nightly");
        if (child.exitCode() != 0 || runs.isEmpty()) {
            throw new IllegalStateException("the nightly DAG run failed (exit " + child.exitCode() + "); its output, "
                    + child.log() + ", ends with:\n" + child.tail(15) + "\ntask logs: " + state.resolve("logs"));
        }
        DagRun dagRun = runs.get(runs.size() - 1);
        List<TaskTiming> tasks = new ArrayList<>();
        for (TaskInstance task : dagRun.taskInstances()) {
            long millis = task.startDate() == null || task.endDate() == null ? 0
                    : Duration.between(task.startDate(), task.endDate()).toMillis();
            tasks.add(new TaskTiming(task.taskId(), task.state().wire(), millis));
        }
        Map<String, Long> stages = new WarehouseStore(new WarehouseLayout(warehouse)).loadRecords().stream()
                .max(Comparator.comparing(LoadRecord::startedAt)).map(LoadRecord::stageMillis).orElse(Map.of());
        return new DagPhase(dagRun.runId(), dagRun.state().wire(), child.wallMillis(), tasks, stages);
    }

    /**
     * The logical date (local) of the last interval of the 04:30 schedule that has ended by {@code now}: its
     * run's business date is the UTC date of its end, today's (a plain load's) once the tick has passed.
     */
    static LocalDate lastCompleteInterval(Instant now) {
        LocalDate today = now.atZone(STOCKHOLM).toLocalDate();
        boolean tickPassed = !today.atTime(TICK).atZone(STOCKHOLM).toInstant().isAfter(now);
        return today.minusDays(tickPassed ? 1 : 2);
    }
}
