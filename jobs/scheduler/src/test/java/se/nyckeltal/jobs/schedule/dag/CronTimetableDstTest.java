package se.nyckeltal.jobs.schedule.dag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The DST nights in Europe/Stockholm (SPEC §9). 2025: spring forward on Sunday 30 March at 02:00
 * (+01 → +02, 02:00–03:00 does not exist), fall back on Sunday 26 October at 03:00 (+02 → +01,
 * 02:00–03:00 happens twice).
 */
class CronTimetableDstTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static CronTimetable daily(String cron) {
        return new CronTimetable(CronSchedule.parse(cron), STOCKHOLM);
    }

    private static List<Instant> ticks(CronTimetable timetable, String fromUtc, int count) {
        List<Instant> ticks = new ArrayList<>();
        Instant t = Instant.parse(fromUtc);
        for (int i = 0; i < count; i++) {
            t = timetable.next(t);
            ticks.add(t);
        }
        return ticks;
    }

    @Test
    void springNightKeepsThe0230TickByRunningItWhenTheClockResumesAt0330() {
        List<Instant> ticks = ticks(daily("30 2 * * *"), "2025-03-28T12:00:00Z", 4);
        assertThat(ticks).containsExactly(
                Instant.parse("2025-03-29T01:30:00Z"),  // 02:30 +01
                Instant.parse("2025-03-30T01:30:00Z"),  // 02:30 does not exist: 03:30 +02
                Instant.parse("2025-03-31T00:30:00Z"),  // 02:30 +02
                Instant.parse("2025-04-01T00:30:00Z"));
        // one tick per local day, none lost
        assertThat(ticks.stream().map(t -> t.atZone(STOCKHOLM).toLocalDate()))
                .containsExactly(LocalDate.of(2025, 3, 29), LocalDate.of(2025, 3, 30), LocalDate.of(2025, 3, 31),
                        LocalDate.of(2025, 4, 1));
    }

    @Test
    void quartzAloneSkipsTheSpring0230TickWhichIsWhyWeDoNotTrustItForIntervals() throws Exception {
        CronExpression quartz = new CronExpression(CronSchedule.parse("30 2 * * *").quartzExpression());
        quartz.setTimeZone(TimeZone.getTimeZone(STOCKHOLM));
        Date after = quartz.getTimeAfter(Date.from(Instant.parse("2025-03-29T01:30:00Z")));
        // The trap: Quartz's next fire after Saturday's 02:30 is not on Sunday at all.
        assertThat(after.toInstant().atZone(STOCKHOLM).toLocalDate()).isNotEqualTo(LocalDate.of(2025, 3, 30));
        assertThat(daily("30 2 * * *").next(Instant.parse("2025-03-29T01:30:00Z")).atZone(STOCKHOLM).toLocalDate())
                .isEqualTo(LocalDate.of(2025, 3, 30));
    }

    @Test
    void autumnNightRunsThe0230TickOnceAtTheFirstOfTheTwo0230s() {
        List<Instant> ticks = ticks(daily("30 2 * * *"), "2025-10-25T12:00:00Z", 3);
        assertThat(ticks).containsExactly(
                Instant.parse("2025-10-26T00:30:00Z"),  // first 02:30, +02
                Instant.parse("2025-10-27T01:30:00Z"),  // 02:30 +01; the second 02:30 of the 26th is not a tick
                Instant.parse("2025-10-28T01:30:00Z"));
    }

    @Test
    void the0130ScheduleGivesA23HourIntervalInSpringAndA25HourIntervalInAutumn() {
        CronTimetable timetable = daily("30 1 * * *");
        Instant saturday = ZonedDateTime.of(2025, 3, 29, 1, 30, 0, 0, STOCKHOLM).toInstant();
        DataInterval spring = timetable.nextAutomated(new DataInterval(timetable.previous(saturday), saturday),
                saturday, null, true, Instant.parse("2025-04-02T00:00:00Z"));
        assertThat(spring.start()).isEqualTo("2025-03-29T00:30:00Z"); // logical date: Saturday 01:30 +01
        assertThat(spring.end()).isEqualTo("2025-03-30T00:30:00Z");   // Sunday 01:30 +01, before the change
        DataInterval sunday = timetable.nextAutomated(spring, saturday, null, true, Instant.parse("2025-04-02T00:00:00Z"));
        assertThat(sunday.end()).isEqualTo("2025-03-30T23:30:00Z");   // Monday 01:30 +02
        assertThat(Duration.between(sunday.start(), sunday.end())).hasHours(23);

        Instant autumnSunday = ZonedDateTime.of(2025, 10, 26, 1, 30, 0, 0, STOCKHOLM).toInstant();
        assertThat(autumnSunday).isEqualTo("2025-10-25T23:30:00Z");
        assertThat(timetable.next(autumnSunday)).isEqualTo("2025-10-27T00:30:00Z");
        assertThat(Duration.between(autumnSunday, timetable.next(autumnSunday))).hasHours(25);
    }

    @Test
    void everyDayOfTheDstWeeksHasExactlyOneIntervalForBothSchedules() {
        for (String cron : List.of("30 2 * * *", "30 1 * * *")) {
            for (String week : List.of("2025-03-27T00:00:00Z", "2025-10-23T00:00:00Z")) {
                CronTimetable timetable = daily(cron);
                Instant start = Instant.parse(week);
                List<LocalDate> logicalDays = new ArrayList<>();
                DataInterval interval = timetable.nextAutomated(null, start, null, true, start);
                for (int i = 0; i < 7; i++) {
                    logicalDays.add(interval.start().atZone(STOCKHOLM).toLocalDate());
                    assertThat(interval.end()).isEqualTo(timetable.next(interval.start()));
                    interval = timetable.nextAutomated(interval, start, null, true, start);
                }
                LocalDate first = logicalDays.get(0);
                assertThat(logicalDays).as(cron + " from " + week)
                        .containsExactly(first, first.plusDays(1), first.plusDays(2), first.plusDays(3),
                                first.plusDays(4), first.plusDays(5), first.plusDays(6));
            }
        }
    }

    @Test
    void anHourlyScheduleTicksTwiceInTheRepeatedAutumnHourAndSkipsTheMissingSpringHour() {
        CronTimetable hourly = daily("0 * * * *");
        List<Instant> autumn = ticks(hourly, "2025-10-25T21:30:00Z", 6); // from 23:30 +02
        assertThat(autumn).containsExactly(Instant.parse("2025-10-25T22:00:00Z"), Instant.parse("2025-10-25T23:00:00Z"),
                Instant.parse("2025-10-26T00:00:00Z"),  // 02:00 +02
                Instant.parse("2025-10-26T01:00:00Z"),  // 02:00 +01, the repeated hour
                Instant.parse("2025-10-26T02:00:00Z"), Instant.parse("2025-10-26T03:00:00Z"));
        List<Instant> spring = ticks(hourly, "2025-03-29T23:30:00Z", 3); // from 00:30 +01
        assertThat(spring).containsExactly(Instant.parse("2025-03-30T00:00:00Z"),  // 01:00 +01
                Instant.parse("2025-03-30T01:00:00Z"),  // 03:00 +02
                Instant.parse("2025-03-30T02:00:00Z"));
    }

    @Test
    void manualRunsGetTheLastCompleteInterval() {
        CronTimetable timetable = daily("30 4 * * *");
        DataInterval interval = timetable.inferManual(Instant.parse("2025-03-12T09:00:00Z"));
        assertThat(interval).isEqualTo(new DataInterval(Instant.parse("2025-03-11T03:30:00Z"),
                Instant.parse("2025-03-12T03:30:00Z")));
    }

    @Test
    void withoutCatchupTheNextIntervalIsTheLatestThatHasEnded() {
        CronTimetable timetable = daily("30 4 * * *");
        DataInterval last = new DataInterval(Instant.parse("2025-03-01T03:30:00Z"), Instant.parse("2025-03-02T03:30:00Z"));
        Instant now = Instant.parse("2025-03-10T05:00:00Z");
        assertThat(timetable.nextAutomated(last, Instant.parse("2025-01-01T00:00:00Z"), null, false, now))
                .isEqualTo(new DataInterval(Instant.parse("2025-03-09T03:30:00Z"), Instant.parse("2025-03-10T03:30:00Z")));
        assertThat(timetable.nextAutomated(last, Instant.parse("2025-01-01T00:00:00Z"), null, true, now).start())
                .isEqualTo("2025-03-02T03:30:00Z");
    }

    @Test
    void quartzGetsTheSameScheduleWithSecondsAndSundayAsOne() {
        assertThat(CronSchedule.parse("30 4 * * *").quartzExpression()).isEqualTo("0 30 4 * * ?");
        assertThat(CronSchedule.parse("0 6 * * 1-5").quartzExpression()).isEqualTo("0 0 6 ? * MON,TUE,WED,THU,FRI");
        assertThat(CronSchedule.parse("*/15 0 1 * *").quartzExpression()).isEqualTo("0 0,15,30,45 0 1 * ?");
        assertThat(CronSchedule.parse("0 0 * * 7").quartzExpression()).isEqualTo("0 0 0 ? * SUN");
    }
}
