package se.nyckeltal.jobs.schedule.airflow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.nyckeltal.jobs.schedule.dag.CronTimetable;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.Deadline;
import se.nyckeltal.jobs.schedule.dag.RetryPolicy;
import se.nyckeltal.jobs.schedule.dag.TaskDefinition;
import se.nyckeltal.jobs.schedule.dag.Timetable;
import se.nyckeltal.jobs.schedule.dag.WeightRule;

/**
 * Writes the Airflow DAG (Python) equivalent to one of ours: a BashOperator per task running the
 * same command (Airflow renders the same {{ }} templates), the same dependencies, retries and
 * trigger rules, and the cron pinned to a CronDataIntervalTimetable in the DAG's time zone, so
 * Airflow's data intervals are ours. Airflow 3 by default ({@code airflow.sdk}, the standard
 * provider's BashOperator, no {@code sla=}: the deadline becomes a comment showing the Deadline
 * Alert of Airflow 3.1+); Airflow 2 on request (its {@code airflow.operators.bash} and an
 * {@code sla} on the last tasks).
 */
public final class AirflowDagExporter {
    /** The Airflow major versions a DAG can be written for. */
    public static final List<Integer> VERSIONS = List.of(2, 3);

    private AirflowDagExporter() {}

    /** The Airflow 3 DAG. */
    public static String export(DagDefinition dag) {
        return export(dag, 3);
    }

    /** @param airflowVersion 3 (airflow.sdk) or 2 */
    public static String export(DagDefinition dag, int airflowVersion) {
        if (!VERSIONS.contains(airflowVersion)) {
            throw new IllegalArgumentException("Airflow " + airflowVersion + " is not supported: give 3 or 2");
        }
        boolean v3 = airflowVersion == 3;
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"").append(dag.dagId()).append(": exported from ").append(dag.file().getFileName())
                .append(" by `nyckeltal dags export-airflow`.\n\n");
        if (dag.description() != null) {
            py.append(escapeDoc(dag.description())).append("\n\n");
        }
        py.append("Each task calls the nyckeltal CLI exactly as our scheduler does (exit 0 success, 99 skipped,\n")
                .append("anything else failed), so `nyckeltal` must be on the PATH of the Airflow workers.\n");
        if (v3) {
            py.append("The commands use {{ ds }} and the data interval: trigger manual runs with a logical date\n")
                    .append("(Airflow 3 allows runs without one, and then has no {{ ds }} to render).\n");
        }
        py.append("\"\"\"\n");
        py.append("from datetime import timedelta\n\n");
        py.append("import pendulum\n");
        if (v3) {
            py.append("from airflow.providers.standard.operators.bash import BashOperator\n");
            py.append("from airflow.sdk import DAG\n");
        } else {
            py.append("from airflow import DAG\n");
            py.append("from airflow.operators.bash import BashOperator\n");
        }
        if (dag.timetable() instanceof CronTimetable) {
            py.append("from airflow.timetables.interval import CronDataIntervalTimetable\n");
        }
        py.append("\n");

        List<TaskDefinition> tasks = dag.tasks();
        RetryPolicy common = tasks.get(0).retry();
        Duration commonTimeout = tasks.get(0).executionTimeout();
        py.append("default_args = {\n");
        if (dag.owner() != null) {
            py.append("    \"owner\": ").append(str(dag.owner())).append(",\n");
        }
        py.append("    \"retries\": ").append(common.retries()).append(",\n");
        py.append("    \"retry_delay\": ").append(delta(common.retryDelay())).append(",\n");
        py.append("    \"retry_exponential_backoff\": ").append(bool(common.exponentialBackoff())).append(",\n");
        if (common.maxRetryDelay() != null) {
            py.append("    \"max_retry_delay\": ").append(delta(common.maxRetryDelay())).append(",\n");
        }
        if (commonTimeout != null) {
            py.append("    \"execution_timeout\": ").append(delta(commonTimeout)).append(",\n");
        }
        py.append("}\n\n");

        py.append("with DAG(\n");
        py.append("    dag_id=").append(str(dag.dagId())).append(",\n");
        if (dag.description() != null) {
            py.append("    description=").append(str(dag.description())).append(",\n");
        }
        py.append("    schedule=").append(schedule(dag)).append(",\n");
        py.append("    start_date=").append(dateTime(dag.startDate(), dag)).append(",\n");
        if (dag.endDate() != null) {
            py.append("    end_date=").append(dateTime(dag.endDate(), dag)).append(",\n");
        }
        py.append("    catchup=").append(bool(dag.catchup())).append(",\n");
        py.append("    max_active_runs=").append(dag.maxActiveRuns()).append(",\n");
        if (dag.dagrunTimeout() != null) {
            py.append("    dagrun_timeout=").append(delta(dag.dagrunTimeout())).append(",\n");
        }
        py.append("    is_paused_upon_creation=").append(bool(dag.pausedUponCreation())).append(",\n");
        if (!dag.tags().isEmpty()) {
            py.append("    tags=[").append(String.join(", ", dag.tags().stream().map(AirflowDagExporter::str).toList()))
                    .append("],\n");
        }
        if (!dag.params().isEmpty()) {
            py.append("    params={\n");
            for (Map.Entry<String, String> p : dag.params().entrySet()) {
                py.append("        ").append(str(p.getKey())).append(": ").append(str(p.getValue())).append(",\n");
            }
            py.append("    },\n");
        }
        py.append("    default_args=default_args,\n");
        Deadline deadline = dag.deadline();
        if (v3 && deadline != null) {
            deadlineComment(py, dag, deadline);
        }
        py.append(") as dag:\n");

        for (TaskDefinition task : tasks) {
            py.append("    ").append(variable(task)).append(" = BashOperator(\n");
            py.append("        task_id=").append(str(task.taskId())).append(",\n");
            py.append("        bash_command=").append(str(task.command().text())).append(",\n");
            if (!task.triggerRule().wire().equals("all_success")) {
                py.append("        trigger_rule=").append(str(task.triggerRule().wire())).append(",\n");
            }
            RetryPolicy retry = task.retry();
            if (retry.retries() != common.retries()) {
                py.append("        retries=").append(retry.retries()).append(",\n");
            }
            if (!retry.retryDelay().equals(common.retryDelay())) {
                py.append("        retry_delay=").append(delta(retry.retryDelay())).append(",\n");
            }
            if (retry.exponentialBackoff() != common.exponentialBackoff()) {
                py.append("        retry_exponential_backoff=").append(bool(retry.exponentialBackoff())).append(",\n");
            }
            if (retry.maxRetryDelay() != null && !retry.maxRetryDelay().equals(common.maxRetryDelay())) {
                py.append("        max_retry_delay=").append(delta(retry.maxRetryDelay())).append(",\n");
            }
            if (task.executionTimeout() != null && !task.executionTimeout().equals(commonTimeout)) {
                py.append("        execution_timeout=").append(delta(task.executionTimeout())).append(",\n");
            }
            if (task.priorityWeight() != TaskDefinition.DEFAULT_PRIORITY_WEIGHT) {
                py.append("        priority_weight=").append(task.priorityWeight()).append(",\n");
            }
            if (task.weightRule() != WeightRule.DOWNSTREAM) {
                py.append("        weight_rule=").append(str(task.weightRule().wire())).append(",\n");
            }
            Duration sla = sla(dag, deadline);
            if (!v3 && sla != null && dag.leaves().contains(task)) {
                py.append("        # our deadline ").append(deadline).append(" local, as an SLA from the interval's end\n");
                py.append("        sla=").append(delta(sla)).append(",\n");
            }
            py.append("    )\n");
        }
        List<String> edges = new ArrayList<>();
        for (TaskDefinition task : tasks) {
            if (task.upstream().size() == 1) {
                edges.add("    " + variableOf(task.upstream().get(0)) + " >> " + variable(task));
            } else if (task.upstream().size() > 1) {
                edges.add("    [" + String.join(", ", task.upstream().stream().map(AirflowDagExporter::variableOf).toList())
                        + "] >> " + variable(task));
            }
        }
        if (!edges.isEmpty()) {
            py.append("\n");
            edges.forEach(e -> py.append(e).append("\n"));
        }
        return py.toString();
    }

    private static String schedule(DagDefinition dag) {
        Timetable timetable = dag.timetable();
        if (timetable instanceof CronTimetable cron) {
            return "CronDataIntervalTimetable(" + str(cron.expression()) + ", timezone=" + str(dag.timezone().getId()) + ")";
        }
        return timetable instanceof Timetable.Once ? "\"@once\"" : "None";
    }

    /**
     * Airflow 3 has no sla=; its Deadline Alerts (3.1+, experimental) need a callback we cannot
     * know, so the deadline is written as the code to add. A scheduled run is queued when its
     * interval ends, so DAGRUN_QUEUED_AT plus the distance from the tick is our deadline (DST-proof).
     */
    private static void deadlineComment(StringBuilder py, DagDefinition dag, Deadline deadline) {
        Duration after = sla(dag, deadline);
        py.append("    # Our deadline: a scheduled run should be done by ").append(deadline)
                .append(deadline.timeOfDay() != null ? " " + dag.timezone().getId() : " after its interval's end")
                .append(".\n");
        py.append("    # Airflow 3 dropped SLAs. On Airflow >= 3.1 add a Deadline Alert with your own callback:\n");
        py.append("    #   from airflow.sdk.definitions.deadline import AsyncCallback, DeadlineAlert, DeadlineReference\n");
        if (after == null) {
            py.append("    #   deadline=DeadlineAlert(reference=DeadlineReference.DAGRUN_QUEUED_AT,\n");
            py.append("    #       interval=timedelta(...), callback=AsyncCallback(your_notifier)),\n");
            return;
        }
        py.append("    #   deadline=DeadlineAlert(\n");
        py.append("    #       reference=DeadlineReference.DAGRUN_QUEUED_AT,  # scheduled runs queue at the interval's end\n");
        py.append("    #       interval=").append(delta(after)).append(",\n");
        py.append("    #       callback=AsyncCallback(your_notifier),\n");
        py.append("    #   ),\n");
    }

    /** Airflow 2's sla counts from the end of the data interval; a local-time deadline becomes that distance. */
    private static Duration sla(DagDefinition dag, Deadline deadline) {
        if (deadline == null) {
            return null;
        }
        if (deadline.afterIntervalEnd() != null) {
            return deadline.afterIntervalEnd();
        }
        if (!(dag.timetable() instanceof CronTimetable cron)) {
            return null;
        }
        Instant tick = cron.alignUp(dag.startDate());
        return Duration.between(tick, deadline.at(tick, dag.timezone()));
    }

    private static String dateTime(Instant instant, DagDefinition dag) {
        ZonedDateTime local = instant.atZone(dag.timezone());
        return "pendulum.datetime(" + local.getYear() + ", " + local.getMonthValue() + ", " + local.getDayOfMonth()
                + (local.getHour() + local.getMinute() + local.getSecond() == 0 ? ""
                        : ", " + local.getHour() + ", " + local.getMinute() + ", " + local.getSecond())
                + ", tz=" + str(dag.timezone().getId()) + ")";
    }

    private static String delta(Duration duration) {
        return "timedelta(seconds=" + duration.getSeconds() + ")";
    }

    private static String bool(boolean value) {
        return value ? "True" : "False";
    }

    private static String variable(TaskDefinition task) {
        return variableOf(task.taskId());
    }

    private static String variableOf(String taskId) {
        String name = taskId.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(name.charAt(0)) ? "t_" + name : name;
    }

    /** A Python string literal. */
    static String str(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String escapeDoc(String text) {
        return text.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    }
}
