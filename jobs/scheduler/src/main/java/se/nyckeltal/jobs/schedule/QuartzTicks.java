package se.nyckeltal.jobs.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;

/**
 * Quartz fires the ticks, nothing else: one CronTrigger per DAG, in the DAG's time zone, misfire
 * DO_NOTHING (ticks missed while we were down are caught up from our own store, not by Quartz), in
 * the RAMJobStore because Quartz holds no state we need.
 */
final class QuartzTicks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzTicks.class);
    private static final String LISTENER = "nyckeltal.tickListener";

    /** Told when a DAG's tick fires: the scheduled fire time, not the moment Quartz got round to it. */
    interface TickListener {
        void onTick(String dagId, Instant scheduledFireTime);
    }

    /** Quartz instantiates this per fire. */
    public static final class TickJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                TickListener listener = (TickListener) context.getScheduler().getContext().get(LISTENER);
                listener.onTick(context.getJobDetail().getKey().getName(), context.getScheduledFireTime().toInstant());
            } catch (SchedulerException | RuntimeException e) {
                LOG.error("tick of {} failed: {}", context.getJobDetail().getKey().getName(), e.getMessage(), e);
            }
        }
    }

    private final Scheduler quartz;

    QuartzTicks(DagBag dags, TickListener listener) throws SchedulerException {
        requireNonNull(listener, "listener");
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "nyckeltal-" + UUID.randomUUID());
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        quartz = new StdSchedulerFactory(properties).getScheduler();
        quartz.getContext().put(LISTENER, listener);
        for (DagDefinition dag : dags.dags()) {
            String cron = dag.timetable().quartzCron().orElse(null);
            if (cron == null) {
                continue;
            }
            JobDetail job = JobBuilder.newJob(TickJob.class).withIdentity(dag.dagId(), "dags").build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(dag.dagId(), "dags")
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                            .inTimeZone(TimeZone.getTimeZone(dag.timezone()))
                            .withMisfireHandlingInstructionDoNothing())
                    .build();
            quartz.scheduleJob(job, trigger);
            LOG.info("{}: Quartz fires '{}' in {}; next {}", dag.dagId(), cron, dag.timezone(),
                    trigger.getNextFireTime() == null ? "never" : trigger.getNextFireTime().toInstant());
        }
    }

    /** When Quartz will next fire the DAG's tick. */
    Instant nextFireTime(String dagId) throws SchedulerException {
        Trigger trigger = quartz.getTrigger(org.quartz.TriggerKey.triggerKey(dagId, "dags"));
        return trigger == null || trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().toInstant();
    }

    void start() throws SchedulerException {
        quartz.start();
    }

    @Override
    public void close() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("Quartz did not shut down cleanly: {}", e.getMessage());
        }
    }
}
