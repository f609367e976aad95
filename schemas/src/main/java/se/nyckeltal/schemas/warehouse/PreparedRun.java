package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The load id a nightly DAG run's source tasks stage their facts with ({@link WarehouseLayout#preparedRunFile}):
 * facts carry their load's id, so the run's load takes this id as its own when it commits them. Reserved
 * by the first source task of the run; a later task of the run uses it as long as no load has used it.
 */
public record PreparedRun(String runId, String loadId, Instant reservedAt) {
    public PreparedRun {
        requireNonNull(runId, "runId");
        requireNonNull(loadId, "loadId");
        requireNonNull(reservedAt, "reservedAt");
    }
}
