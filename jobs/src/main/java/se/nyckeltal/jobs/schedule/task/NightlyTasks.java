package se.nyckeltal.jobs.schedule.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.nyckeltal.schemas.contract.SourceKind;

/**
 * The task ids {@code nyckeltal task run} knows: the nightly DAG's tasks. Each id says what the task
 * does; the ids of earlier releases still run (an exported Airflow DAG or a script may use them).
 */
public final class NightlyTasks {
    private static final Map<String, NightlyTask> TASKS = tasks();

    /** Earlier ids → today's: {@code ingest_*} only validated, {@code build_facts} also published. */
    private static final Map<String, String> RENAMED = Map.of(
            "ingest_ledger", "validate_ledger",
            "ingest_production", "validate_production",
            "ingest_hr", "validate_hr",
            "build_facts", "load_and_publish",
            "publish_catalogue", "verify_published");

    private static Map<String, NightlyTask> tasks() {
        Map<String, NightlyTask> tasks = new LinkedHashMap<>();
        tasks.put("validate_ledger", new ValidateSourceTask(SourceKind.LEDGER));
        tasks.put("validate_production", new ValidateSourceTask(SourceKind.PRODUCTION));
        tasks.put("validate_hr", new ValidateSourceTask(SourceKind.HR));
        tasks.put("load_and_publish", new LoadAndPublishTask());
        tasks.put("verify_published", new VerifyPublishedTask());
        tasks.put("data_quality_checks", new DataQualityTask());
        return Collections.unmodifiableMap(tasks);
    }

    private NightlyTasks() {}

    public static Optional<NightlyTask> get(String taskId) {
        return Optional.ofNullable(TASKS.get(currentId(taskId)));
    }

    /** Today's id of a task: the id itself, or what an earlier release's id was renamed to. */
    public static String currentId(String taskId) {
        return RENAMED.getOrDefault(taskId, taskId);
    }

    public static Set<String> ids() {
        return TASKS.keySet();
    }
}
