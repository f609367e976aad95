package se.nyckeltal.jobs.schedule.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.nyckeltal.schemas.contract.SourceKind;

/** The task ids {@code nyckeltal task run} knows: the nightly DAG's tasks. */
public final class NightlyTasks {
    private static final Map<String, NightlyTask> TASKS = tasks();

    private static Map<String, NightlyTask> tasks() {
        Map<String, NightlyTask> tasks = new LinkedHashMap<>();
        tasks.put("ingest_ledger", new IngestSourceTask(SourceKind.LEDGER));
        tasks.put("ingest_production", new IngestSourceTask(SourceKind.PRODUCTION));
        tasks.put("ingest_hr", new IngestSourceTask(SourceKind.HR));
        tasks.put("build_facts", new BuildFactsTask());
        tasks.put("publish_catalogue", new PublishedCatalogueTask());
        tasks.put("data_quality_checks", new DataQualityTask());
        return Collections.unmodifiableMap(tasks);
    }

    private NightlyTasks() {}

    public static Optional<NightlyTask> get(String taskId) {
        return Optional.ofNullable(TASKS.get(taskId));
    }

    public static Set<String> ids() {
        return TASKS.keySet();
    }
}
