package se.nyckeltal.jobs.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.nyckeltal.jobs.schedule.airflow.AirflowDagExporter;
import se.nyckeltal.jobs.schedule.dag.DagBag;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DataInterval;
import se.nyckeltal.jobs.schedule.dag.DurationText;
import se.nyckeltal.jobs.schedule.dag.TaskDefinition;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunConflictException;
import se.nyckeltal.jobs.schedule.run.RunState;
import se.nyckeltal.jobs.schedule.run.TaskInstance;
import se.nyckeltal.jobs.schedule.run.UnknownDagException;

@Command(name = "dags", mixinStandardHelpOptions = true,
        description = "Look at and steer the DAGs: list, show, trigger, backfill, runs, tasks, pause, unpause, export-airflow.",
        subcommands = {DagsCommand.ListDags.class, DagsCommand.Show.class, DagsCommand.Trigger.class,
            DagsCommand.Backfill.class, DagsCommand.Runs.class, DagsCommand.Tasks.class, DagsCommand.Pause.class,
            DagsCommand.Unpause.class, DagsCommand.ExportAirflow.class})
final class DagsCommand implements Runnable {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Common to every dags subcommand: a DAG bag, the engine, and a DAG looked up by id. */
    abstract static class DagsSubcommand implements Callable<Integer> {
        @Mixin
        ScheduleOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        DagBag bag;
        DagRunEngine engine;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        DagRunEngine engine() {
            if (engine == null) {
                bag = options.dagBag();
                engine = options.engine(bag);
            }
            return engine;
        }

        DagDefinition dag(String dagId) {
            return engine().dags().get(dagId).orElseThrow(() -> ScheduleOptions.unknownDag(new UnknownDagException(dagId), bag));
        }

        static String local(Instant instant, ZoneId zone) {
            return instant == null ? "" : LOCAL.format(instant.atZone(zone));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every DAG with its schedule, state and last run.")
    static final class ListDags extends DagsSubcommand {
        @Override
        public Integer call() {
            DagRunEngine e = engine();
            PrintWriter out = out();
            out.printf("%-20s %-14s %-18s %-7s %-17s %s%n", "dag_id", "schedule", "timezone", "paused", "next run",
                    "last run");
            for (DagDefinition dag : e.dags().dags()) {
                List<DagRun> runs = e.store().runs(dag.dagId());
                DagRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                DataInterval next = e.nextScheduled(dag.dagId()).orElse(null);
                out.printf("%-20s %-14s %-18s %-7s %-17s %s%n", dag.dagId(), String.valueOf(dag.timetable().expression()),
                        dag.timezone(), e.isPaused(dag), next == null ? "-" : local(next.end(), dag.timezone()),
                        last == null ? "-" : last.runId() + " " + last.state().wire());
            }
            e.dags().importErrors().forEach(err -> out.println("import error: " + err.getMessage()));
            out.flush();
            return e.dags().importErrors().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A DAG's settings and tasks.")
    static final class Show extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Override
        public Integer call() {
            DagDefinition dag = dag(dagId);
            PrintWriter out = out();
            out.printf("dag_id          %s%n", dag.dagId());
            out.printf("file            %s%n", dag.file());
            out.printf("description     %s%n", dag.description() == null ? "" : dag.description());
            out.printf("schedule        %s in %s%n", dag.timetable().expression(), dag.timezone());
            out.printf("start_date      %s%n", local(dag.startDate(), dag.timezone()));
            out.printf("catchup         %s%n", dag.catchup());
            out.printf("max_active_runs %d%n", dag.maxActiveRuns());
            out.printf("dagrun_timeout  %s%n", dag.dagrunTimeout() == null ? "-" : DurationText.format(dag.dagrunTimeout()));
            out.printf("deadline        %s%n", dag.deadline() == null ? "-" : dag.deadline());
            out.printf("paused          %s%n", engine().isPaused(dag));
            out.printf("params          %s%n", engine().params(dag, null));
            engine().nextScheduled(dagId).ifPresent(next -> out.printf("next run        at %s, data interval %s .. %s%n",
                    local(next.end(), dag.timezone()), local(next.start(), dag.timezone()), local(next.end(), dag.timezone())));
            out.println("tasks:");
            for (TaskDefinition task : dag.tasks()) {
                out.printf("  %-22s upstream %-50s %-12s retries %d%s%n", task.taskId(),
                        task.upstream().isEmpty() ? "-" : String.join(",", task.upstream()), task.triggerRule().wire(),
                        task.retry().retries(), task.executionTimeout() == null ? ""
                                : ", timeout " + DurationText.format(task.executionTimeout()));
                out.printf("      %s%n", task.command().text());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Queue a manual run (the running scheduler starts it).")
    static final class Trigger extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Option(names = "--conf", paramLabel = "JSON", description = "The run's conf, a JSON object, e.g. '{\"landing\": \"/data/in\"}'.")
        String conf;

        @Option(names = "--run-id", description = "Default manual__<logical date>.")
        String runId;

        @Option(names = "--logical-date", converter = OptionConverters.AirflowInstant.class,
                description = "ISO date-time with offset; default now.")
        Instant logicalDate;

        @Override
        public Integer call() {
            dag(dagId);
            Map<String, Object> confMap = Map.of();
            if (conf != null) {
                try {
                    confMap = new ObjectMapper().readValue(conf, new TypeReference<Map<String, Object>>() { });
                } catch (IOException e) {
                    throw new UserError("--conf is not a JSON object: " + conf, "e.g. --conf '{\"warehouse\": \"/data/w\"}'");
                }
            }
            try {
                DagRun run = engine().trigger(dagId, runId, logicalDate, confMap);
                out().printf("queued %s %s, data interval %s .. %s%n", dagId, run.runId(),
                        AirflowTime.format(run.dataIntervalStart()), AirflowTime.format(run.dataIntervalEnd()));
                if (!engine().store().schedulerRunning()) {
                    out().println("no scheduler is running on " + engine().store().root() + "; start one to run it:"
                            + " nyckeltal scheduler --state " + engine().store().root());
                }
            } catch (RunConflictException e) {
                throw new UserError(e.getMessage(), "give another --run-id");
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = {"One run per interval whose logical date falls on a day from --from to --to (inclusive,"
                    + " in the DAG's time zone).", "Without a running scheduler the runs are executed here, in the"
                    + " foreground; with one, they are queued for it."})
    static final class Backfill extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "YYYY-MM-DD or YYYY-MM-DDTHH:MM (local).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "YYYY-MM-DD (whole day) or YYYY-MM-DDTHH:MM.")
        String to;

        @Option(names = "--reprocess", defaultValue = "none", converter = OptionConverters.Reprocess.class,
                description = "Intervals that have a run: none (leave them), failed (rerun failed runs), completed"
                        + " (rerun failed and successful). Default ${DEFAULT-VALUE}.")
        DagRunEngine.Reprocess reprocess;

        @Override
        public Integer call() throws InterruptedException {
            DagDefinition dag = dag(dagId);
            Instant start = bound(from, dag.timezone(), false);
            Instant end = bound(to, dag.timezone(), true);
            DagRunEngine.BackfillPlan plan;
            try {
                plan = engine().backfill(dagId, start, end, reprocess);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), null);
            }
            PrintWriter out = out();
            plan.created().forEach(r -> out.println("queued    " + r.runId()));
            plan.cleared().forEach(r -> out.println("re-queued " + r.runId()));
            plan.skipped().forEach(s -> out.println("left      " + s));
            out.flush();
            if (plan.created().isEmpty() && plan.cleared().isEmpty()) {
                return 0;
            }
            if (engine().store().schedulerRunning()) {
                out.println("the running scheduler will execute them (max_active_runs " + dag.maxActiveRuns() + ")");
                return 0;
            }
            ScheduleOptions.logRuns();
            var lock = engine().store().tryLockScheduler();
            try {
                engine().recover();
                engine().step();
                while (engine().hasActiveRuns()) {
                    // at the latest every 200 ms, and at once when a task ends: the next one starts without a wait
                    // (and the step that ends the last run is followed by none: the command returns at once)
                    engine().awaitAttemptEnd(java.time.Duration.ofMillis(200));
                    engine().step();
                }
            } finally {
                engine().stop();
                try {
                    lock.close();
                } catch (IOException ignored) {
                    // released with the process anyway
                }
            }
            List<String> ids = plan.created().stream().map(DagRun::runId).toList();
            List<String> again = plan.cleared().stream().map(DagRun::runId).toList();
            long failed = 0;
            for (DagRun r : engine().store().runs(dagId)) {
                if (ids.contains(r.runId()) || again.contains(r.runId())) {
                    out.printf("%-45s %s%n", r.runId(), r.state().wire());
                    failed += r.state() == RunState.SUCCESS ? 0 : 1;
                }
            }
            out.flush();
            return failed == 0 ? 0 : 1;
        }

        private static Instant bound(String text, ZoneId zone, boolean end) {
            try {
                if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    LocalDate day = LocalDate.parse(text);
                    return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
                }
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new UserError("'" + text + "' is not a date (2025-03-01) or local date-time (2025-03-01T04:30)", null);
            }
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "A DAG's runs, newest first.")
    static final class Runs extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            DagDefinition dag = dag(dagId);
            List<DagRun> runs = engine().store().runs(dagId);
            PrintWriter out = out();
            out.printf("%-45s %-8s %-16s %-16s %-16s %-9s %s%n", "run_id", "state", "interval start", "started",
                    "ended", "duration", "deadline");
            for (int i = runs.size() - 1; i >= Math.max(0, runs.size() - limit); i--) {
                DagRun r = runs.get(i);
                String duration = r.startDate() == null || r.endDate() == null ? ""
                        : DurationText.format(Duration.between(r.startDate(), r.endDate()).withNanos(0));
                String deadline = r.deadlineAt() == null ? "" : (r.deadlineMissed() ? "MISSED " : "") + local(r.deadlineAt(), dag.timezone());
                out.printf("%-45s %-8s %-16s %-16s %-16s %-9s %s%n", r.runId(), r.state().wire(),
                        local(r.dataIntervalStart(), dag.timezone()), local(r.startDate(), dag.timezone()),
                        local(r.endDate(), dag.timezone()), duration, deadline);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "tasks", mixinStandardHelpOptions = true, description = "The task instances of one run, with their logs.")
    static final class Tasks extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Parameters(index = "1", paramLabel = "RUN_ID")
        String runId;

        @Override
        public Integer call() {
            DagDefinition dag = dag(dagId);
            DagRun run = engine().store().run(dagId, runId).orElseThrow(() -> new UserError("no run '" + runId
                    + "' of " + dagId, "list them with: nyckeltal dags runs " + dagId));
            PrintWriter out = out();
            out.printf("%s %s: %s%s%n", dagId, runId, run.state().wire(), run.note() == null ? "" : " (" + run.note() + ")");
            out.printf("%-22s %-16s %-5s %-16s %-16s %s%n", "task_id", "state", "try", "started", "ended", "note / log");
            for (TaskInstance ti : run.taskInstances()) {
                out.printf("%-22s %-16s %-5d %-16s %-16s %s%n", ti.taskId(), ti.state().wire(), ti.tryNumber(),
                        local(ti.startDate(), dag.timezone()), local(ti.endDate(), dag.timezone()),
                        ti.note() == null ? "" : ti.note());
                if (ti.tryNumber() > 0) {
                    out.printf("%-22s log %s%n", "", engine().store().logFile(dagId, runId, ti.taskId(), ti.tryNumber()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "No new runs; running tasks finish.")
    static final class Pause extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Override
        public Integer call() {
            engine().setPaused(dag(dagId).dagId(), true);
            out().println(dagId + " paused");
            out().flush();
            return 0;
        }
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Runs resume (catchup per the DAG's catchup).")
    static final class Unpause extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Override
        public Integer call() {
            engine().setPaused(dag(dagId).dagId(), false);
            out().println(dagId + " unpaused");
            out().flush();
            return 0;
        }
    }

    @Command(name = "export-airflow", mixinStandardHelpOptions = true,
            description = {"Write the equivalent Airflow DAG (Python) for a team moving to Airflow.",
                "Airflow 3 by default (airflow.sdk, the standard provider's BashOperator); --airflow-version 2 for Airflow 2."})
    static final class ExportAirflow extends DagsSubcommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dagId;

        @Option(names = "--out", paramLabel = "FILE", description = "e.g. nightly.py; standard output when omitted or -")
        String file;

        @Option(names = "--airflow-version", paramLabel = "N", defaultValue = "3",
                description = "3 (default) or 2")
        int airflowVersion;

        @Override
        public Integer call() throws IOException {
            if (!AirflowDagExporter.VERSIONS.contains(airflowVersion)) {
                throw new UserError("--airflow-version " + airflowVersion + " is not supported", "give 3 (default) or 2");
            }
            String python = AirflowDagExporter.export(dag(dagId), airflowVersion);
            if (file == null || file.equals("-")) {
                out().print(python);
                out().flush();
                return 0;
            }
            Path target = Path.of(file);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, python, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("wrote " + target.toAbsolutePath().normalize());
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}
