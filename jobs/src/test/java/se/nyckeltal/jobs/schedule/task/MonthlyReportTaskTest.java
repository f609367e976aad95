package se.nyckeltal.jobs.schedule.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.warehouse.report.ReportFixture;
import se.nyckeltal.schemas.calendar.Easter;

/** The monthly_report DAG: due on the rapportplan's working day, skipped on the others, the month before reported. */
class MonthlyReportTaskTest {
    @TempDir
    Path tmp;

    @Test
    void workingDaysSkipWeekendsAndSwedishHolidays() {
        // April 2024: Monday 1st is annandag påsk (Easter Sunday 31 March); 2, 3, 4, 5 April are working days 1–4.
        assertThat(WorkingDays.nthWorkingDay(YearMonth.of(2024, 4), 4)).contains(LocalDate.of(2024, 4, 5));
        // January 2026: 1st (Thursday) nyårsdagen, 2nd working day 1, 5th 2, 6th trettondedag jul, 7th 3, 8th 4.
        assertThat(WorkingDays.nthWorkingDay(YearMonth.of(2026, 1), 4)).contains(LocalDate.of(2026, 1, 8));
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 6, 19))).as("midsommarafton 2026").isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 5, 14))).as("Kristi himmelsfärd 2026").isFalse();
        assertThat(Easter.sunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
    }

    private int run(String taskId, String intervalEnd, Path warehouse, StringWriter out) throws Exception {
        Instant end = Instant.parse(intervalEnd);
        TaskContext context = new TaskContext("monthly_report", taskId, LocalDate.ofInstant(end.minusSeconds(86_400),
                java.time.ZoneOffset.UTC), end.minusSeconds(86_400), end, "scheduled__x", tmp.resolve("landing"),
                warehouse, new PrintWriter(out, true));
        return MonthlyReportTask.get(taskId, 4, tmp.resolve("reports")).orElseThrow().run(context);
    }

    @Test
    void reportDueOnlyOnTheFourthWorkingDay() throws Exception {
        StringWriter out = new StringWriter();
        // runs fire 07:15 Stockholm = 05:15 UTC in summer time
        assertThat(run("report_due", "2024-04-05T05:15:00Z", tmp, out)).isEqualTo(NightlyTask.SUCCESS);
        assertThat(out.toString()).contains("the reports of 2024-03 are due");
        assertThat(run("report_due", "2024-04-04T05:15:00Z", tmp, out)).isEqualTo(NightlyTask.SKIPPED);
        assertThat(run("report_due", "2024-04-08T05:15:00Z", tmp, out)).isEqualTo(NightlyTask.SKIPPED);
    }

    @Test
    void reportTotalWritesTheMonthBeforeAsHtmlAndPdf() throws Exception {
        Path warehouse = ReportFixture.publish(tmp.resolve("region")).root();
        StringWriter out = new StringWriter();
        // fires on 2026-03-05: reports February 2026
        assertThat(run("report_total", "2026-03-05T06:15:00Z", warehouse, out)).as(out.toString())
                .isEqualTo(NightlyTask.SUCCESS);
        assertThat(tmp.resolve("reports/2026-02/manadsrapport-2026-02.html")).exists();
        assertThat(Files.size(tmp.resolve("reports/2026-02/manadsrapport-2026-02.pdf"))).isGreaterThan(10_000);
        assertThat(run("report_units", "2026-03-05T06:15:00Z", warehouse, out)).isEqualTo(NightlyTask.SUCCESS);
        assertThat(tmp.resolve("reports/2026-02/enheter/index.html")).exists();
        assertThat(tmp.resolve("reports/2026-02/enheter/manadsrapport-2026-02-U1.html")).exists();
    }

    @Test
    void theDagIsShippedBesideTheNightlyOne() {
        DagDefinition dag = DagBag.shipped().get("monthly_report").orElseThrow();
        assertThat(dag.tasks()).extracting(t -> t.taskId()).containsExactly("report_due", "report_total",
                "report_areas", "report_units");
    }
}
