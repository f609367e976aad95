package se.nyckeltal.jobs.schedule.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DataInterval;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.TaskInstance;
import se.nyckeltal.jobs.schedule.run.TaskState;

/** Airflow 2's stable API shapes ({@code /api/v1}, deprecated): DAG, DAGRun, TaskInstance, problem bodies. */
final class V1Json {
    static final String ERRORS = "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors/";

    private V1Json() {}

    static Map<String, Object> dag(DagRunEngine engine, DagDefinition dag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dag_id", dag.dagId());
        m.put("dag_display_name", dag.dagId());
        m.put("root_dag_id", null);
        m.put("is_paused", engine.isPaused(dag));
        m.put("is_active", true);
        m.put("is_subdag", false);
        m.put("last_parsed_time", null);
        m.put("last_pickled", null);
        m.put("last_expired", null);
        m.put("scheduler_lock", null);
        m.put("pickle_id", null);
        m.put("default_view", "grid");
        m.put("fileloc", dag.file().toString());
        m.put("file_token", fileToken(dag));
        m.put("owners", owners(dag));
        m.put("description", dag.description());
        String expression = dag.timetable().expression();
        m.put("schedule_interval", expression == null ? null : Map.of("__type", "CronExpression", "value", expression));
        m.put("timetable_description", timetableDescription(dag));
        m.put("tags", dag.tags().stream().map(t -> Map.of("name", t)).toList());
        m.put("max_active_tasks", 16);
        m.put("max_active_runs", dag.maxActiveRuns());
        m.put("has_task_concurrency_limits", false);
        m.put("has_import_errors", false);
        DataInterval next = engine.nextScheduled(dag.dagId()).orElse(null);
        m.put("next_dagrun", next == null ? null : AirflowTime.format(next.start()));
        m.put("next_dagrun_data_interval_start", next == null ? null : AirflowTime.format(next.start()));
        m.put("next_dagrun_data_interval_end", next == null ? null : AirflowTime.format(next.end()));
        m.put("next_dagrun_create_after", next == null ? null : AirflowTime.format(next.end()));
        return m;
    }

    static String fileToken(DagDefinition dag) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(dag.file().toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<String> owners(DagDefinition dag) {
        return dag.owner() == null ? List.of() : List.of(dag.owner().split(","));
    }

    static String timetableDescription(DagDefinition dag) {
        String expression = dag.timetable().expression();
        return expression == null ? "Never, external triggers only" : expression + " in " + dag.timezone();
    }

    /** The run's note, with the missed deadline added when there was one. */
    static String note(DagRun run) {
        String note = run.note();
        if (run.deadlineMissed()) {
            String missed = "deadline missed (" + AirflowTime.format(run.deadlineAt()) + ")";
            note = note == null ? missed : note + "; " + missed;
        }
        return note;
    }

    static Map<String, Object> run(DagRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conf", run.conf());
        m.put("dag_id", run.dagId());
        m.put("dag_run_id", run.runId());
        m.put("data_interval_end", AirflowTime.format(run.dataIntervalEnd()));
        m.put("data_interval_start", AirflowTime.format(run.dataIntervalStart()));
        m.put("end_date", AirflowTime.format(run.endDate()));
        m.put("execution_date", AirflowTime.format(run.logicalDate()));
        m.put("external_trigger", run.externalTrigger());
        m.put("last_scheduling_decision", AirflowTime.format(run.endDate() != null ? run.endDate() : run.startDate()));
        m.put("logical_date", AirflowTime.format(run.logicalDate()));
        m.put("note", note(run));
        m.put("run_type", run.runType().wire());
        m.put("start_date", AirflowTime.format(run.startDate()));
        m.put("state", run.state().wire());
        return m;
    }

    static Map<String, Object> taskInstance(DagDefinition dag, DagRun run, TaskInstance ti) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", ti.taskId());
        m.put("task_display_name", ti.taskId());
        m.put("dag_id", run.dagId());
        m.put("dag_run_id", run.runId());
        m.put("execution_date", AirflowTime.format(run.logicalDate()));
        m.put("start_date", AirflowTime.format(ti.startDate()));
        m.put("end_date", AirflowTime.format(ti.endDate()));
        m.put("duration", duration(ti.startDate(), ti.endDate()));
        m.put("state", ti.state() == TaskState.NONE ? null : ti.state().wire());
        m.put("try_number", ti.tryNumber());
        m.put("map_index", -1);
        m.put("max_tries", ti.maxTries());
        m.put("hostname", ti.hostname() == null ? "" : ti.hostname());
        m.put("unixname", System.getProperty("user.name"));
        m.put("pool", "default_pool");
        m.put("pool_slots", 1);
        m.put("queue", "default");
        m.put("priority_weight", dag.task(ti.taskId()).map(t -> dag.priorityWeightTotal(t.taskId())).orElse(1));
        m.put("operator", "BashOperator");
        m.put("queued_when", AirflowTime.format(ti.queuedWhen()));
        m.put("pid", ti.pid());
        m.put("executor", null);
        m.put("executor_config", "{}");
        m.put("sla_miss", null);
        m.put("rendered_map_index", null);
        m.put("rendered_fields", Map.of());
        m.put("trigger", null);
        m.put("triggerer_job", null);
        m.put("note", ti.note());
        return m;
    }

    static Double duration(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis() / 1000.0;
    }

    static Map<String, Object> health(Instant now) {
        Map<String, Object> scheduler = new LinkedHashMap<>();
        scheduler.put("status", "healthy");
        scheduler.put("latest_scheduler_heartbeat", AirflowTime.format(now));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadatabase", Map.of("status", "healthy"));
        m.put("scheduler", scheduler);
        return m;
    }

    static Map<String, Object> problem(AirflowApi.Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detail", p.detail instanceof String || p.detail == null ? p.detail : p.getMessage());
        m.put("status", p.status);
        m.put("title", p.title);
        m.put("type", p.type);
        return m;
    }
}
