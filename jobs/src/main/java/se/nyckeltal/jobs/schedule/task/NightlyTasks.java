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

    /**
     * Earlier ids → today's: {@code validate_*} validated only (the source tasks now ingest for the load, under
     * their first ids again), {@code build_facts} also published, {@code publish_catalogue} only checks.
     */
    private static final Map<String, String> RENAMED = Map.of(
            "validate_ledger", "ingest_ledger",
            "validate_production", "ingest_production",
            "validate_hr", "ingest_hr",
            "build_facts", "load_and_publish",
            "publish_catalogue", "verify_published");

    private static Map<String, NightlyTask> tasks() {
        Map<String, NightlyTask> tasks = new LinkedHashMap<>();
        tasks.put("ingest_ledger", new IngestSourceTask(SourceKind.LEDGER));
        tasks.put("ingest_production", new IngestSourceTask(SourceKind.PRODUCTION));
        tasks.put("ingest_hr", new IngestSourceTask(SourceKind.HR));
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
