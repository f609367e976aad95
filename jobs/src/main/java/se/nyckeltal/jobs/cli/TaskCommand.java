package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.nyckeltal.jobs.schedule.task.MonthlyReportTask;
import se.nyckeltal.jobs.schedule.task.NightlyTask;
import se.nyckeltal.jobs.schedule.task.NightlyTasks;
import se.nyckeltal.jobs.schedule.task.TaskContext;

@Command(name = "task", mixinStandardHelpOptions = true, subcommands = TaskCommand.Run.class,
        description = "Run one task of the nightly DAG, as the scheduler or an Airflow BashOperator does.")
final class TaskCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code task run TASK_ID …} of a task that opens a catalogue (NightlyTask#opensCatalogue). */
    static boolean opensCatalogue(String... args) {
        if (args.length < 3 || !"run".equals(args[1])) {
            return false;
        }
        String taskId = args[2];
        // The nightly ids first: MonthlyReportTask's class reads the time-zone rules (a service lookup over every jar).
        return NightlyTasks.get(taskId).or(() -> MonthlyReportTask.get(taskId, 1, Path.of("reports")))
                .map(NightlyTask::opensCatalogue).orElse(false);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run TASK_ID for one run of the DAG. Exit 0 success, 99 skipped, anything else failed.",
                "The business date comes from --ds and the interval, never from the clock."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TASK_ID",
                description = "ingest_ledger, ingest_production, ingest_hr, load_and_publish, verify_published,"
                        + " data_quality_checks (the ids of earlier releases — validate_*, build_facts, publish_catalogue"
                        + " — still run); report_due, report_total, report_areas, report_units (monthly_report)")
        String taskId;

        @Option(names = "--dag", defaultValue = "nightly")
        String dagId;

        @Option(names = "--ds", required = true, paramLabel = "YYYY-MM-DD", converter = OptionConverters.Day.class,
                description = "Airflow's {{ ds }}.")
        LocalDate ds;

        @Option(names = "--data-interval-start", required = true, paramLabel = "ISO",
                converter = OptionConverters.AirflowInstant.class, description = "{{ data_interval_start }}")
        Instant intervalStart;

        @Option(names = "--data-interval-end", required = true, paramLabel = "ISO",
                converter = OptionConverters.AirflowInstant.class, description = "{{ data_interval_end }}")
        Instant intervalEnd;

        @Option(names = "--run-id", defaultValue = "manual", description = "{{ run_id }}: the ingest tasks stage"
                + " their source's facts for the load_and_publish of the same run id.")
        String runId;

        @Option(names = "--landing", required = true, paramLabel = "DIR", converter = OptionConverters.Location.class)
        Path landing;

        @Option(names = "--warehouse", required = true, paramLabel = "DIR", converter = OptionConverters.Location.class)
        Path warehouse;

        @Option(names = "--working-day", defaultValue = "4", paramLabel = "N",
                description = "monthly_report: the working day of the month the reports are due (default ${DEFAULT-VALUE}).")
        int workingDay;

        @Option(names = "--reports", paramLabel = "DIR",
                description = "monthly_report: where the reports go, one folder per month (default: reports/ beside the"
                        + " warehouse).")
        Path reports;

        @Option(names = "--min-file-age", paramLabel = "DURATION", defaultValue = "0s",
                converter = OptionConverters.Span.class, description = "ingest_* and load_and_publish: leave landing files"
                        + " modified less than this long ago for a later run, they may still be being written (default 0s).")
        java.time.Duration minFileAge;

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
            if (intervalEnd.isBefore(intervalStart)) {
                throw new UserError("the data interval ends before it starts", null);
            }
            PrintWriter out = spec.commandLine().getOut();
            String id = MonthlyReportTask.IDS.contains(taskId) ? taskId : NightlyTasks.currentId(taskId);
            TaskContext context = new TaskContext(dagId, id, ds, intervalStart, intervalEnd, runId,
                    landing.toAbsolutePath().normalize(), warehouse.toAbsolutePath().normalize(), out, minFileAge);
            out.println(context.header());
            if (!id.equals(taskId)) {
                out.printf("note: task id %s is now %s; the old id still runs it%n", taskId, id);
            }
            int exit = task.run(context);
            out.flush();
            return exit;
        }
    }
}
