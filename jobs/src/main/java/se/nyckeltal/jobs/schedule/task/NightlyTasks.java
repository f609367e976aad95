package se.nyckeltal.jobs.schedule.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.nyckeltal.schemas.contract.SourceKind;

/** The task ids {@code nyckeltal task run} knows: the nightly DAG's tasks. */
public final class NightlyTasks {
    private static final Map<String, NightlyTask> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put("ingest_ledger", new IngestSourceTask(SourceKind.LEDGER));
        TASKS.put("ingest_production", new IngestSourceTask(SourceKind.PRODUCTION));
        TASKS.put("ingest_hr", new IngestSourceTask(SourceKind.HR));
        TASKS.put("build_facts", new BuildFactsTask());
        TASKS.put("publish_catalogue", new PublishedCatalogueTask());
        TASKS.put("data_quality_checks", new DataQualityTask());
    }

    private NightlyTasks() {}

    public static Optional<NightlyTask> get(String taskId) {
        return Optional.ofNullable(TASKS.get(taskId));
    }

    public static Set<String> ids() {
        return TASKS.keySet();
    }
}
