package se.nyckeltal.jobs.schedule.dag;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Airflow's CronDataIntervalTimetable: ticks are the cron's matches in the DAG's time zone and a run
 * covers {@code [previous tick, this tick)}.
 *
 * <p>DST (SPEC §9): a tick whose wall-clock time does not exist (02:30 on the spring night in
 * Europe/Stockholm) happens when the clock resumes, at 03:30 summer time — it is not lost; a tick
 * whose wall-clock time happens twice (02:30 on the autumn night) happens once, at the first of the
 * two. A schedule with a tick every hour instead steps in absolute time, so the repeated autumn
 * hour gets its own tick (Airflow does the same).
 */
public record CronTimetable(CronSchedule cron, ZoneId zone) implements Timetable {
    public CronTimetable {
        requireNonNull(cron, "cron");
        requireNonNull(zone, "zone");
    }

    @Override
    public DataInterval nextAutomated(DataInterval last, Instant earliest, Instant latest, boolean catchup,
            Instant now) {
        Instant floor = catchup ? alignUp(earliest) : skipToLatest(earliest, now);
        Instant start = last == null ? floor : max(alignDown(last.end()), floor);
        if (latest != null && start.isAfter(latest)) {
            return null;
        }
        return new DataInterval(start, next(start));
    }

    @Override
    public DataInterval inferManual(Instant runAfter) {
        Instant end = alignDown(runAfter);
        return new DataInterval(previous(end), end);
    }

    @Override
    public Optional<String> quartzCron() {
        return Optional.of(cron.quartzExpression());
    }

    @Override
    public String expression() {
        return cron.expression();
    }

    /** The first tick strictly after {@code instant}. */
    public Instant next(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        if (cron.coversEveryHour() && isTick(instant)) {
            // Step by the wall-clock distance in absolute time: the repeated autumn hour is not skipped.
            Duration delta = Duration.between(local, cron.nextLocal(local));
            return instant.plus(delta);
        }
        for (LocalDateTime candidate = cron.nextLocal(local); candidate != null; candidate = cron.nextLocal(candidate)) {
            Instant tick = resolve(candidate);
            if (tick.isAfter(instant)) {
                return tick;
            }
        }
        throw new IllegalStateException("cron '" + cron + "' has no tick after " + instant);
    }

    /** The last tick strictly before {@code instant}. */
    public Instant previous(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        if (cron.coversEveryHour() && isTick(instant)) {
            Duration delta = Duration.between(cron.previousLocal(local), local);
            return instant.minus(delta);
        }
        for (LocalDateTime candidate = cron.previousLocal(local); candidate != null;
                candidate = cron.previousLocal(candidate)) {
            Instant tick = resolve(candidate);
            if (tick.isBefore(instant)) {
                return tick;
            }
        }
        throw new IllegalStateException("cron '" + cron + "' has no tick before " + instant);
    }

    /** {@code instant} if it is a tick, else the next tick. */
    public Instant alignUp(Instant instant) {
        return isTick(instant) ? instant : next(instant);
    }

    /** {@code instant} if it is a tick, else the previous tick. */
    public Instant alignDown(Instant instant) {
        return isTick(instant) ? instant : previous(instant);
    }

    public boolean isTick(Instant instant) {
        ZonedDateTime zoned = instant.atZone(zone);
        if (zoned.getSecond() != 0 || zoned.getNano() != 0) {
            return false;
        }
        LocalDateTime local = zoned.toLocalDateTime();
        if (!cron.matches(local)) {
            // Not a wall-clock match; still a tick if it is where a skipped (DST gap) match landed.
            LocalDateTime before = cron.previousLocal(local);
            return before != null && resolve(before).equals(instant) && !before.equals(local);
        }
        // In the repeated autumn hour only the first occurrence is a tick, unless every hour ticks.
        return cron.coversEveryHour() || resolve(local).equals(instant);
    }

    /** Wall-clock time to instant: a gap moves forward by its length, an overlap takes the earlier offset. */
    private Instant resolve(LocalDateTime local) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** Airflow's _skip_to_latest: the start of the latest interval that has ended by {@code now}. */
    private Instant skipToLatest(Instant earliest, Instant now) {
        Instant latestStart = previous(alignDown(now));
        return earliest == null ? latestStart : max(latestStart, alignUp(earliest));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
