package se.nyckeltal.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.ProcessTaskLauncher;
import se.nyckeltal.jobs.schedule.run.RunState;
import se.nyckeltal.jobs.schedule.run.RunStore;
import se.nyckeltal.jobs.schedule.testing.TestDags;

/** The scheduler as a whole: catch-up at start, the heartbeat running tasks, one scheduler per state folder. */
class SchedulerServiceTest {
    @TempDir
    Path state;

    @Test
    void onStartItCatchesUpTheMissedIntervalsRunsThemAndHoldsTheStateFolder() throws Exception {
        LocalDate threeDaysAgo = LocalDate.now(ZoneId.of("Europe/Stockholm")).minusDays(3);
        DagDefinition dag = TestDags.parse("""
                dag_id: test
                schedule: "30 4 * * *"
                start_date: %s
                catchup: true
                max_active_runs: 2
                tasks:
                  - {task_id: a, bash_command: "echo {{ ds }}"}
                """.formatted(threeDaysAgo));
        RunStore store = new RunStore(state);
        DagRunEngine engine = new DagRunEngine(DagBag.of(dag), store, new ProcessTaskLauncher(state.resolve("bin")),
                Clock.systemUTC(), Map.of(), 2);
        try (SchedulerService service = new SchedulerService(engine, Duration.ofMillis(20), null)) {
            service.start();
            int expected = store.runs("test").size();
            assertThat(expected).isBetween(2, 3); // intervals ended since three days ago, by the clock's 04:30
            for (int i = 0; i < 500 && engine.hasActiveRuns(); i++) {
                Thread.sleep(10);
            }
            assertThat(store.runs("test")).allMatch(r -> r.state() == RunState.SUCCESS);
            DagRunEngine second = new DagRunEngine(DagBag.of(dag), new RunStore(state),
                    new ProcessTaskLauncher(state.resolve("bin")), Clock.systemUTC(), Map.of(), 2);
            assertThatThrownBy(() -> new SchedulerService(second, Duration.ofSeconds(1), null).start())
                    .hasMessageStartingWith("another scheduler is running on");
        }
        assertThat(new RunStore(state).schedulerRunning()).isFalse();
    }

    @Test
    void whenATaskEndsTheNextStartsAtOnceNotAtTheNextHeartbeat() throws Exception {
        DagDefinition dag = TestDags.parse("""
                dag_id: test
                schedule: null
                start_date: 2025-01-01
                tasks:
                  - {task_id: a, bash_command: "sleep 0.3"}
                  - {task_id: b, upstream: [a], bash_command: "true"}
                  - {task_id: c, upstream: [b], bash_command: "true"}
                """);
        RunStore store = new RunStore(state);
        DagRunEngine engine = new DagRunEngine(DagBag.of(dag), store, new ProcessTaskLauncher(state.resolve("bin")),
                Clock.systemUTC(), Map.of(), 2);
        engine.trigger("test", null, null, Map.of());
        long started = System.nanoTime();
        long tookMillis;
        // A heartbeat of a minute: the first beat starts a; b and c start when their upstream task ends.
        try (SchedulerService service = new SchedulerService(engine, Duration.ofMinutes(1), null)) {
            service.start();
            for (int i = 0; i < 3000 && engine.hasActiveRuns(); i++) {
                Thread.sleep(10);
            }
            tookMillis = (System.nanoTime() - started) / 1_000_000;
        }
        assertThat(store.runs("test")).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(RunState.SUCCESS));
        assertThat(tookMillis).as("three tasks in a row, each started when the one before it ended").isLessThan(30_000);
        assertThat((System.nanoTime() - started) / 1_000_000).as("stopping does not wait for the heartbeat")
                .isLessThan(tookMillis + 10_000);
    }

    @Test
    void quartzFiresTheDagsTicksInTheDagsTimeZone() throws Exception {
        DagDefinition dag = TestDags.daily("30 4 * * *", "catchup: false", "  - {task_id: a, bash_command: \"true\"}");
        java.util.List<Instant> fired = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (QuartzTicks ticks = new QuartzTicks(DagBag.of(dag), (id, at) -> fired.add(at))) {
            Instant next = ticks.nextFireTime("test");
            assertThat(next.atZone(ZoneId.of("Europe/Stockholm")).toLocalTime()).hasToString("04:30");
            assertThat(fired).isEmpty();
        }
    }
}
