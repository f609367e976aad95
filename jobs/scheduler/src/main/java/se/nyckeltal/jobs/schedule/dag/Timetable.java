package se.nyckeltal.jobs.schedule.dag;

import java.time.Instant;
import java.util.Optional;

/**
 * When a DAG runs and which data interval each run covers, as Airflow's timetables: a cron
 * schedule ({@link CronTimetable}), {@code @once}, or none (manual runs only).
 */
public sealed interface Timetable permits CronTimetable, Timetable.Once, Timetable.Manual {

    /**
     * The next interval to run on schedule, or null when there is none (end date passed, @once done,
     * manual only). The run is due once {@code end <= now}; the caller checks that.
     *
     * @param last the latest scheduled run's interval, null before the first
     * @param earliest the DAG's start date
     * @param latest the DAG's end date, or null
     * @param now the scheduler's clock, used when catchup is off to skip to the latest interval
     */
    DataInterval nextAutomated(DataInterval last, Instant earliest, Instant latest, boolean catchup, Instant now);

    /** The interval of a manual run triggered at {@code runAfter} (Airflow's infer_manual_data_interval). */
    DataInterval inferManual(Instant runAfter);

    /** The Quartz cron expression that fires this timetable's ticks, if it has ticks. */
    Optional<String> quartzCron();

    /** As the DAG file says it: the cron, "@once", or null. */
    String expression();

    /** @once: one run, at the start date, with an empty interval. */
    record Once() implements Timetable {
        @Override
        public DataInterval nextAutomated(DataInterval last, Instant earliest, Instant latest, boolean catchup,
                Instant now) {
            if (last != null || (latest != null && earliest.isAfter(latest))) {
                return null;
            }
            return new DataInterval(earliest, earliest);
        }

        @Override
        public DataInterval inferManual(Instant runAfter) {
            return new DataInterval(runAfter, runAfter);
        }

        @Override
        public Optional<String> quartzCron() {
            return Optional.empty();
        }

        @Override
        public String expression() {
            return "@once";
        }
    }

    /** schedule: null — runs only when triggered. */
    record Manual() implements Timetable {
        @Override
        public DataInterval nextAutomated(DataInterval last, Instant earliest, Instant latest, boolean catchup,
                Instant now) {
            return null;
        }

        @Override
        public DataInterval inferManual(Instant runAfter) {
            return new DataInterval(runAfter, runAfter);
        }

        @Override
        public Optional<String> quartzCron() {
            return Optional.empty();
        }

        @Override
        public String expression() {
            return null;
        }
    }
}
