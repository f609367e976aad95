package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load attempt as shown in meta.loads: when, what it read, and how it ended.
 *
 * @param stageMillis wall time of each stage of the load in milliseconds, in the order they ran
 *     (e.g. {@code spark_start}, {@code ingest.ledger}, {@code publish}); empty in records written
 *     before stages were timed
 */
public record LoadRecord(
        String loadId,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        String snapshotId,
        String landing,
        String message,
        List<FileOutcome> files,
        Map<String, Long> stageMillis) {

    public LoadRecord {
        requireNonNull(loadId, "loadId");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(outcome, "outcome");
        files = files == null ? List.of() : List.copyOf(files);
        stageMillis = stageMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    }

    /** A record without stage timings. */
    public LoadRecord(String loadId, Instant startedAt, Instant finishedAt, Outcome outcome, String snapshotId,
            String landing, String message, List<FileOutcome> files) {
        this(loadId, startedAt, finishedAt, outcome, snapshotId, landing, message, files, Map.of());
    }

    public enum Outcome {
        /** A new catalogue was published. */
        PUBLISHED,
        /** Nothing new to load; the published catalogue is unchanged. */
        NOTHING_NEW,
        /** The load failed; the published catalogue is unchanged. */
        FAILED,
        /**
         * The load is running. A record still RUNNING when no load holds the warehouse lock is a load that
         * died (killed, crashed, machine lost); the next load rewrites it as FAILED, or as PUBLISHED when
         * it died after its snapshot became current.
         */
        RUNNING
    }

    /** This record with another outcome, snapshot and message; files and timings kept. */
    public LoadRecord ended(Outcome newOutcome, Instant at, String newSnapshotId, String newMessage,
            List<FileOutcome> newFiles) {
        return new LoadRecord(loadId, startedAt, at, newOutcome, newSnapshotId, landing, newMessage, newFiles,
                stageMillis);
    }
}
