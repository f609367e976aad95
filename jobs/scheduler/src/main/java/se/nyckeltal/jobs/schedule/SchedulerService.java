package se.nyckeltal.jobs.schedule;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.schedule.api.AirflowApi;
import se.nyckeltal.jobs.schedule.api.ApiUsers;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;

/**
 * {@code nyckeltal scheduler}: recovers what a previous scheduler left running, catches up the
 * intervals missed while it was down, lets Quartz fire the ticks, advances the runs on a heartbeat
 * and serves the Airflow-shaped API. One per state folder (a lock file says so).
 */
public final class SchedulerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    /**
     * The heartbeat also creates runs whose tick has passed by this much without Quartz firing it —
     * the spring DST night's 02:30, which Quartz skips (SPEC §9). Within the grace, Quartz goes first.
     */
    static final Duration GUARD_GRACE = Duration.ofMinutes(1);

    /** The API part: null port means no API. */
    public record ApiSettings(String bind, int port, ApiUsers users) {}

    private final DagRunEngine engine;
    private final Duration heartbeat;
    private final ApiSettings apiSettings;
    private FileChannel lock;
    private QuartzTicks ticks;
    private ExecutorService loop;
    private volatile boolean stopping;
    private AirflowApi api;

    public SchedulerService(DagRunEngine engine, Duration heartbeat, ApiSettings apiSettings) {
        this.engine = requireNonNull(engine, "engine");
        this.heartbeat = requireNonNull(heartbeat, "heartbeat");
        this.apiSettings = apiSettings;
    }

    /** @throws IllegalStateException when another scheduler holds this state folder */
    public void start() throws IOException, SchedulerException {
        lock = engine.store().tryLockScheduler();
        if (lock == null) {
            throw new IllegalStateException("another scheduler is running on " + engine.store().root());
        }
        for (DagDefinition dag : engine.dags().dags()) {
            LOG.info("{}: schedule {} ({}), catchup {}, max_active_runs {}{}", dag.dagId(),
                    dag.timetable().expression(), dag.timezone(), dag.catchup(), dag.maxActiveRuns(),
                    engine.isPaused(dag) ? ", PAUSED" : "");
        }
        engine.dags().importErrors().forEach(e -> LOG.error("DAG file not loaded: {}", e.getMessage()));
        List<DagRun> recovered = engine.recover();
        if (!recovered.isEmpty()) {
            LOG.warn("recovered {} run(s) interrupted when the scheduler last stopped", recovered.size());
        }
        List<DagRun> caughtUp = engine.scheduleDue(engine.clock().instant());
        if (!caughtUp.isEmpty()) {
            LOG.info("caught up {} interval(s) that ended while the scheduler was down", caughtUp.size());
        }
        ticks = new QuartzTicks(engine.dags(), this::onTick);
        loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scheduler-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // A beat every heartbeat, and one as soon as a task attempt ends: the next task starts then, not up to a
        // heartbeat later (a nightly run has four such hand-overs).
        loop.execute(() -> {
            while (!stopping) {
                beat();
                try {
                    engine.awaitAttemptEnd(heartbeat);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        ticks.start();
        if (apiSettings != null) {
            api = new AirflowApi(engine, apiSettings.users(), apiSettings.bind(), apiSettings.port());
            api.start();
        }
    }

    /** The API's port (useful with port 0), or -1 without an API. */
    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    private void onTick(String dagId, Instant fireTime) {
        LOG.info("{}: tick {}", dagId, fireTime);
        engine.scheduleDue(dagId, fireTime);
        engine.step();
    }

    private void beat() {
        try {
            Instant now = engine.clock().instant();
            for (DagRun run : engine.scheduleDue(now.minus(GUARD_GRACE))) {
                LOG.warn("{} {}: its tick passed without Quartz firing it (a DST gap?); queued by the heartbeat",
                        run.dagId(), run.runId());
            }
            engine.step();
        } catch (RuntimeException e) {
            LOG.error("scheduler heartbeat failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.close();
        }
        stopping = true;
        engine.wakeUp();
        if (loop != null) {
            loop.shutdown();
            try {
                loop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (api != null) {
            api.close();
        }
        engine.stop();
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
        LOG.info("scheduler stopped");
    }
}
