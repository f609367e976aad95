package se.nyckeltal.jobs.schedule.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.nyckeltal.jobs.schedule.dag.DagDefinition;
import se.nyckeltal.jobs.schedule.dag.DataInterval;
import se.nyckeltal.jobs.schedule.dag.TaskDefinition;
import se.nyckeltal.jobs.schedule.run.AirflowTime;
import se.nyckeltal.jobs.schedule.run.DagRun;
import se.nyckeltal.jobs.schedule.run.DagRunEngine;
import se.nyckeltal.jobs.schedule.run.RunType;
import se.nyckeltal.jobs.schedule.run.TaskInstance;
import se.nyckeltal.jobs.schedule.run.TaskState;

/**
 * Airflow 3's public API shapes ({@code /api/v2}): DAGResponse, DAGRunResponse, TaskResponse,
 * TaskInstanceResponse, TaskInstancesLogResponse, HealthInfoResponse, VersionInfo and FastAPI's
 * error bodies. Every field the OpenAPI spec declares is present, null where we have nothing.
 */
final class V2Json {
    /** The Airflow release whose public API this subset follows (VersionInfo.version). */
    static final String AIRFLOW_API_VERSION = "3.1.0";

    private V2Json() {}

    static Map<String, Object> dag(DagRunEngine engine, DagDefinition dag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dag_id", dag.dagId());
        m.put("dag_display_name", dag.dagId());
        m.put("is_paused", engine.isPaused(dag));
        m.put("is_stale", false);
        m.put("last_parsed_time", null);
        m.put("last_expired", null);
        m.put("bundle_name", null);
        m.put("bundle_version", null);
        Path name = dag.file().getFileName();
        m.put("relative_fileloc", name == null ? null : name.toString());
        m.put("fileloc", dag.file().toString());
        m.put("description", dag.description());
        m.put("timetable_summary", dag.timetable().expression());
        m.put("timetable_description", V1Json.timetableDescription(dag));
        m.put("tags", dag.tags().stream().map(t -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("name", t);
            tag.put("dag_id", dag.dagId());
            tag.put("dag_display_name", dag.dagId());
            return tag;
        }).toList());
        m.put("max_active_tasks", 16);
        m.put("max_active_runs", dag.maxActiveRuns());
        m.put("max_consecutive_failed_dag_runs", 0);
        m.put("has_task_concurrency_limits", false);
        m.put("has_import_errors", false);
        DataInterval next = engine.nextScheduled(dag.dagId()).orElse(null);
        m.put("next_dagrun_logical_date", next == null ? null : AirflowTime.format(next.start()));
        m.put("next_dagrun_data_interval_start", next == null ? null : AirflowTime.format(next.start()));
        m.put("next_dagrun_data_interval_end", next == null ? null : AirflowTime.format(next.end()));
        m.put("next_dagrun_run_after", next == null ? null : AirflowTime.format(next.end()));
        m.put("owners", V1Json.owners(dag));
        m.put("file_token", V1Json.fileToken(dag));
        return m;
    }

    /**
     * When the run may start (Airflow 3's run_after): the end of the data interval for scheduled and
     * backfill runs, the trigger time for manual ones.
     */
    static Instant runAfter(DagRun run) {
        if (run.runType() == RunType.MANUAL) {
            return run.queuedAt() != null ? run.queuedAt() : run.logicalDate();
        }
        return run.dataIntervalEnd() != null ? run.dataIntervalEnd() : run.logicalDate();
    }

    static Map<String, Object> run(DagDefinition dag, DagRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dag_run_id", run.runId());
        m.put("dag_id", run.dagId());
        m.put("logical_date", AirflowTime.format(run.logicalDate()));
        m.put("queued_at", AirflowTime.format(run.queuedAt()));
        m.put("start_date", AirflowTime.format(run.startDate()));
        m.put("end_date", AirflowTime.format(run.endDate()));
        m.put("duration", V1Json.duration(run.startDate(), run.endDate()));
        m.put("data_interval_start", AirflowTime.format(run.dataIntervalStart()));
        m.put("data_interval_end", AirflowTime.format(run.dataIntervalEnd()));
        m.put("run_after", AirflowTime.format(runAfter(run)));
        m.put("last_scheduling_decision", AirflowTime.format(run.endDate() != null ? run.endDate() : run.startDate()));
        m.put("run_type", run.runType().wire());
        m.put("state", run.state().wire());
        m.put("triggered_by", switch (run.runType()) {
            case SCHEDULED -> "timetable";
            case BACKFILL -> "backfill";
            case MANUAL -> null; // the CLI and the API both trigger; the run record does not say which
        });
        m.put("triggering_user_name", null);
        m.put("conf", run.conf());
        m.put("note", V1Json.note(run));
        m.put("dag_versions", List.of());
        m.put("bundle_version", null);
        m.put("dag_display_name", dag.dagId());
        return m;
    }

    static Map<String, Object> task(DagDefinition dag, TaskDefinition task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", task.taskId());
        m.put("task_display_name", task.taskId());
        m.put("owner", dag.owner());
        m.put("start_date", AirflowTime.format(dag.startDate()));
        m.put("end_date", AirflowTime.format(dag.endDate()));
        m.put("trigger_rule", task.triggerRule().wire());
        m.put("depends_on_past", false);
        m.put("wait_for_downstream", false);
        m.put("retries", task.retry().retries());
        m.put("queue", "default");
        m.put("pool", "default_pool");
        m.put("pool_slots", 1);
        m.put("execution_timeout", timeDelta(task.executionTimeout()));
        m.put("retry_delay", timeDelta(task.retry().retryDelay()));
        m.put("retry_exponential_backoff", task.retry().exponentialBackoff());
        m.put("priority_weight", dag.priorityWeightTotal(task.taskId()));
        m.put("weight_rule", task.weightRule().wire());
        m.put("ui_color", "#f0ede4");
        m.put("ui_fgcolor", "#000");
        m.put("template_fields", List.of("bash_command", "env", "cwd"));
        m.put("downstream_task_ids", dag.downstream(task.taskId()));
        m.put("doc_md", null);
        m.put("operator_name", "BashOperator");
        Map<String, Object> params = new LinkedHashMap<>();
        dag.params().forEach((name, value) -> {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("__class", "airflow.sdk.definitions.param.Param");
            param.put("value", value);
            param.put("description", null);
            param.put("schema", Map.of());
            params.put(name, param);
        });
        m.put("params", params);
        Map<String, Object> classRef = new LinkedHashMap<>();
        classRef.put("module_path", "airflow.providers.standard.operators.bash");
        classRef.put("class_name", "BashOperator");
        m.put("class_ref", classRef);
        m.put("is_mapped", false);
        m.put("extra_links", List.of());
        return m;
    }

    static Map<String, Object> timeDelta(Duration duration) {
        if (duration == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", "TimeDelta");
        m.put("days", duration.toDaysPart());
        m.put("seconds", duration.toSecondsPart() + 60 * duration.toMinutesPart() + 3600 * duration.toHoursPart());
        m.put("microseconds", duration.toNanosPart() / 1000);
        return m;
    }

    static Map<String, Object> taskInstance(DagDefinition dag, DagRun run, TaskInstance ti) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", UUID.nameUUIDFromBytes((run.dagId() + "\n" + run.runId() + "\n" + ti.taskId())
                .getBytes(StandardCharsets.UTF_8)).toString());
        m.put("task_id", ti.taskId());
        m.put("dag_id", run.dagId());
        m.put("dag_run_id", run.runId());
        m.put("map_index", -1);
        m.put("logical_date", AirflowTime.format(run.logicalDate()));
        m.put("run_after", AirflowTime.format(runAfter(run)));
        m.put("start_date", AirflowTime.format(ti.startDate()));
        m.put("end_date", AirflowTime.format(ti.endDate()));
        m.put("duration", V1Json.duration(ti.startDate(), ti.endDate()));
        m.put("state", ti.state() == TaskState.NONE ? null : ti.state().wire());
        m.put("try_number", ti.tryNumber());
        m.put("max_tries", ti.maxTries());
        m.put("task_display_name", ti.taskId());
        m.put("dag_display_name", run.dagId());
        m.put("hostname", ti.hostname());
        m.put("unixname", System.getProperty("user.name"));
        m.put("pool", "default_pool");
        m.put("pool_slots", 1);
        m.put("queue", "default");
        m.put("priority_weight", dag.task(ti.taskId()).map(t -> dag.priorityWeightTotal(t.taskId())).orElse(1));
        m.put("operator", "BashOperator");
        m.put("operator_name", "BashOperator");
        m.put("queued_when", AirflowTime.format(ti.queuedWhen()));
        m.put("scheduled_when", null);
        m.put("pid", ti.pid());
        m.put("executor", null);
        m.put("executor_config", "{}");
        m.put("note", ti.note());
        m.put("rendered_map_index", null);
        m.put("rendered_fields", Map.of());
        m.put("trigger", null);
        m.put("triggerer_job", null);
        m.put("dag_version", null);
        return m;
    }

    /**
     * A task log as Airflow 3's structured messages: one {@code {"event": line}} per line, with the
     * timestamp where the line starts with one ({@code [2025-03-14T03:30:01Z] …}, as our attempt headers do).
     */
    static List<Map<String, Object>> logMessages(List<String> lines) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> message = new LinkedHashMap<>();
            int close = line.indexOf(']');
            if (line.startsWith("[") && close > 1) {
                try {
                    message.put("timestamp", AirflowTime.format(Instant.parse(line.substring(1, close))));
                    line = line.substring(close + 1).stripLeading();
                } catch (DateTimeParseException e) {
                    // not a timestamp: the whole line is the event
                }
            }
            message.put("event", line);
            messages.add(message);
        }
        return messages;
    }

    static Map<String, Object> health(Instant now) {
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("status", "healthy");
        Map<String, Object> scheduler = new LinkedHashMap<>();
        scheduler.put("status", "healthy");
        scheduler.put("latest_scheduler_heartbeat", AirflowTime.format(now));
        Map<String, Object> triggerer = new LinkedHashMap<>();
        triggerer.put("status", null);
        triggerer.put("latest_triggerer_heartbeat", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadatabase", database);
        m.put("scheduler", scheduler);
        m.put("triggerer", triggerer);
        m.put("dag_processor", null);
        return m;
    }

    static Map<String, Object> version() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", AIRFLOW_API_VERSION);
        String ours = V2Json.class.getPackage().getImplementationVersion();
        m.put("git_version", "nyckeltal" + (ours == null ? "" : " " + ours));
        return m;
    }

    /** FastAPI's error body: {@code {"detail": "…"}}, or pydantic's list of errors for a 422. */
    static Map<String, Object> problem(AirflowApi.Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detail", p.detail != null ? p.detail : p.title);
        return m;
    }
}
