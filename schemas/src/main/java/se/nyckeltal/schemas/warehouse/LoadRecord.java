package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** One load attempt as shown in meta.loads: when, what it read, and how it ended. */
public record LoadRecord(
        String loadId,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        String snapshotId,
        String landing,
        String message,
        List<FileOutcome> files) {

    public LoadRecord {
        requireNonNull(loadId, "loadId");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(outcome, "outcome");
        files = files == null ? List.of() : List.copyOf(files);
    }

    public enum Outcome {
        /** A new catalogue was published. */
        PUBLISHED,
        /** Nothing new to load; the published catalogue is unchanged. */
        NOTHING_NEW,
        /** The load failed; the published catalogue is unchanged. */
        FAILED
    }
}
