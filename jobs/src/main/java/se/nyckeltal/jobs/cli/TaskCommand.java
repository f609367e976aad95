package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.task.MonthlyReportTask;
import se.nyckeltal.jobs.schedule.task.NightlyTask;
import se.nyckeltal.jobs.schedule.task.NightlyTasks;
import se.nyckeltal.jobs.schedule.task.TaskContext;

@Command(name = "task", mixinStandardHelpOptions = true, subcommands = TaskCommand.Run.class,
        description = "Run one task of the nightly or monthly_report DAG, as the scheduler or an Airflow BashOperator does.")
final class TaskCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run TASK_ID for one run of the DAG. Exit 0 success, 99 skipped, anything else failed.",
                "The business date comes from --ds and the interval, never from the clock."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TASK_ID",
                description = "ingest_ledger, ingest_production, ingest_hr, build_facts, publish_catalogue, data_quality_checks"
                        + " (nightly); report_due, report_total, report_areas, report_units (monthly_report)")
        String taskId;

        @Option(names = "--dag", defaultValue = "nightly")
        String dagId;

        @Option(names = "--ds", required = true, paramLabel = "YYYY-MM-DD", description = "Airflow's {{ ds }}.")
        String ds;

        @Option(names = "--data-interval-start", required = true, paramLabel = "ISO", description = "{{ data_interval_start }}")
        String intervalStart;

        @Option(names = "--data-interval-end", required = true, paramLabel = "ISO", description = "{{ data_interval_end }}")
        String intervalEnd;

        @Option(names = "--run-id", defaultValue = "manual", description = "{{ run_id }}")
        String runId;

        @Option(names = "--landing", required = true, paramLabel = "DIR")
        Path landing;

        @Option(names = "--warehouse", required = true, paramLabel = "DIR")
        Path warehouse;

        @Option(names = "--working-day", defaultValue = "4", paramLabel = "N",
                description = "monthly_report: the working day of the month the reports are due (default ${DEFAULT-VALUE}).")
        int workingDay;

        @Option(names = "--reports", paramLabel = "DIR",
                description = "monthly_report: where the reports go, one folder per month (default: reports/ beside the"
                        + " warehouse).")
        Path reports;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (workingDay < 1 || workingDay > 20) {
                throw new UserError("--working-day " + workingDay + " is not a working day of a month", "give 1 to 20, e.g. 4");
            }
            Path reportFolder = reports != null ? reports
                    : warehouse.toAbsolutePath().normalize().resolveSibling("reports");
            NightlyTask task = MonthlyReportTask.get(taskId, workingDay, reportFolder.toAbsolutePath().normalize())
                    .or(() -> NightlyTasks.get(taskId)).orElseThrow(() -> new UserError("no task '" + taskId + "'",
                    "task run knows " + String.join(", ", NightlyTasks.ids()) + ", "
                            + String.join(", ", MonthlyReportTask.IDS)));
            LocalDate date;
            Instant start;
            Instant end;
            try {
                date = LocalDate.parse(ds);
                start = AirflowTime.parse(intervalStart);
                end = AirflowTime.parse(intervalEnd);
            } catch (DateTimeParseException e) {
                throw new UserError(e.getParsedString() + " is not a date (--ds 2025-03-14) or date-time with offset"
                        + " (--data-interval-start 2025-03-14T03:30:00+00:00)", "pass Airflow's {{ ds }} and"
                        + " {{ data_interval_start }} / {{ data_interval_end }}");
            }
            if (end.isBefore(start)) {
                throw new UserError("the data interval ends before it starts", null);
            }
            PrintWriter out = spec.commandLine().getOut();
            TaskContext context = new TaskContext(dagId, taskId, date, start, end, runId,
                    landing.toAbsolutePath().normalize(), warehouse.toAbsolutePath().normalize(), out);
            out.println(context.header());
            int exit = task.run(context);
            out.flush();
            return exit;
        }
    }
}
