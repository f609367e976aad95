package se.nyckeltal.jobs.schedule.task;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.report.ReportFormat;
import se.nyckeltal.warehouse.report.ReportInputException;
import se.nyckeltal.warehouse.report.ReportWriter;

/**
 * The tasks of the monthly_report DAG. A run fires daily in the first days of the month; the run's report
 * day is the local date its data interval ends (when it fires). {@code report_due} succeeds on the configured
 * working day of the month and is skipped (99) on every other day, which skips the report tasks after it,
 * as Airflow does. The report month is the month before the report day: the reports of March are made in
 * April, after the nightly load has published March's ledger.
 */
public final class MonthlyReportTask implements NightlyTask {
    public static final List<String> IDS = List.of("report_due", "report_total", "report_areas", "report_units");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private final String taskId;
    private final int workingDay;
    private final Path reports;

    private MonthlyReportTask(String taskId, int workingDay, Path reports) {
        this.taskId = taskId;
        this.workingDay = workingDay;
        this.reports = reports;
    }

    /** The task of that id, with the working day of the month the reports are due and their folder. */
    public static Optional<NightlyTask> get(String taskId, int workingDay, Path reports) {
        return IDS.contains(taskId) ? Optional.of(new MonthlyReportTask(taskId, workingDay, reports)) : Optional.empty();
    }

    /** report_due only decides whether today is the report day; the others read the catalogue. */
    @Override
    public boolean opensCatalogue() {
        return !"report_due".equals(taskId);
    }

    /** The date the run makes its reports: the local date its data interval ends. */
    static LocalDate reportDay(TaskContext context) {
        return context.dataIntervalEnd() == null ? context.ds() : context.dataIntervalEnd().atZone(STOCKHOLM).toLocalDate();
    }

    @Override
    public int run(TaskContext context) throws Exception {
        PrintWriter out = context.out();
        LocalDate day = reportDay(context);
        YearMonth period = YearMonth.from(day).minusMonths(1);
        if (taskId.equals("report_due")) {
            Optional<LocalDate> due = WorkingDays.nthWorkingDay(YearMonth.from(day), workingDay);
            if (due.isPresent() && due.get().equals(day)) {
                out.printf("%s is working day %d of its month: the reports of %s are due%n", day, workingDay, period);
                return SUCCESS;
            }
            out.printf("%s is not working day %d of its month (that is %s): nothing to report today%n", day, workingDay,
                    due.map(LocalDate::toString).orElse("none"));
            return SKIPPED;
        }
        int yyyymm = period.getYear() * 100 + period.getMonthValue();
        Path folder = reports.resolve(period.toString());
        try (Connection connection = Catalogue.openReadOnly(new WarehouseLayout(context.warehouse()))) {
            ReportWriter writer = new ReportWriter(connection);
            switch (taskId) {
                case "report_total" -> {
                    for (ReportFormat format : ReportFormat.values()) {
                        Path file = folder.resolve("manadsrapport-" + period + "." + format.extension());
                        writer.writeOne(yyyymm, "TOTAL", format, file);
                        out.println("wrote " + file);
                    }
                }
                case "report_areas" -> out.printf("wrote %d files to %s%n", writer.writeAll(yyyymm, "area",
                        ReportFormat.HTML, folder.resolve("omraden"), (o, done, total) -> { }).size(), folder.resolve("omraden"));
                default -> out.printf("wrote %d files to %s%n", writer.writeAll(yyyymm, "unit", ReportFormat.HTML,
                        folder.resolve("enheter"), (o, done, total) -> { }).size(), folder.resolve("enheter"));
            }
        } catch (ReportInputException e) {
            out.println("error: " + e.getMessage() + " (" + e.hint() + ")");
            return FAILED;
        }
        return SUCCESS;
    }
}
