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

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run TASK_ID for one run of the DAG. Exit 0 success, 99 skipped, anything else failed.",
                "The business date comes from --ds and the interval, never from the clock."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TASK_ID",
                description = "validate_ledger, validate_production, validate_hr, load_and_publish, verify_published,"
                        + " data_quality_checks (the ids of earlier releases — ingest_*, build_facts, publish_catalogue"
                        + " — still run)")
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

        @Option(names = "--run-id", defaultValue = "manual", description = "{{ run_id }}")
        String runId;

        @Option(names = "--landing", required = true, paramLabel = "DIR")
        Path landing;

        @Option(names = "--warehouse", required = true, paramLabel = "DIR")
        Path warehouse;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            NightlyTask task = NightlyTasks.get(taskId).orElseThrow(() -> new UserError("no task '" + taskId + "'",
                    "task run knows " + String.join(", ", NightlyTasks.ids())));
            if (intervalEnd.isBefore(intervalStart)) {
                throw new UserError("the data interval ends before it starts", null);
            }
            PrintWriter out = spec.commandLine().getOut();
            String id = NightlyTasks.currentId(taskId);
            TaskContext context = new TaskContext(dagId, id, ds, intervalStart, intervalEnd, runId,
                    landing.toAbsolutePath().normalize(), warehouse.toAbsolutePath().normalize(), out);
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
