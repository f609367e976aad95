package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One source's new deliveries as a nightly DAG run's source task ingested them for the run's load
 * ({@link WarehouseLayout#preparedSourceFile}): the facts and quarantine lie under
 * {@link WarehouseLayout#preparedSourceDir}, at the paths they get in the warehouse. The load commits
 * them instead of parsing the files again only when everything it would ingest from is exactly what
 * they were made from: the published snapshot, the reference data, the settings, the new files.
 *
 * @param loadId the load id the facts carry (the run's reserved one, see {@link PreparedRun})
 * @param previousSnapshotId the published snapshot the ingest built on, null for an empty warehouse
 * @param referenceSha256 {@link se.nyckeltal.schemas.reference.ReferenceData#canonicalSha256} of the
 *     reference data it ingested with
 * @param businessDate the business date of the run (its data interval end): the periods a line may have
 * @param pseudonymKeyFingerprint the fingerprint of the HR pseudonym key, null for other sources
 * @param files the new files, in the order ingested, with the content hash each was read with
 * @param partitions the committed partitions, file paths relative to the prepared folder (and, once moved,
 *     to the warehouse)
 */
public record PreparedSource(
        String runId,
        String source,
        String loadId,
        Instant preparedAt,
        String previousSnapshotId,
        String referenceSha256,
        BigDecimal rejectThreshold,
        LocalDate businessDate,
        String pseudonymKeyFingerprint,
        List<PreparedFile> files,
        List<FileOutcome> outcomes,
        List<FactPartition> partitions) {

    public PreparedSource {
        requireNonNull(runId, "runId");
        requireNonNull(source, "source");
        requireNonNull(loadId, "loadId");
        requireNonNull(referenceSha256, "referenceSha256");
        requireNonNull(rejectThreshold, "rejectThreshold");
        requireNonNull(businessDate, "businessDate");
        files = List.copyOf(files);
        outcomes = List.copyOf(outcomes);
        partitions = List.copyOf(partitions);
    }

    /** A landing file as ingested: its landing-relative path and SHA-256. */
    public record PreparedFile(String path, String sha256) {
        public PreparedFile {
            requireNonNull(path, "path");
            requireNonNull(sha256, "sha256");
        }
    }
}
