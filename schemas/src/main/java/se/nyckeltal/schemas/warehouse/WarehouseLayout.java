package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where everything lives under a warehouse folder. One place names the paths so etl, warehouse
 * and jobs agree without talking to each other.
 *
 * <pre>
 * W/current                                     id of the published snapshot (replaced by atomic rename)
 * W/published/&lt;nnnnnnnnnnnnnnnnnnnn&gt;             on a Hadoop store instead: one pointer per publish, created
 *                                               once (create-if-absent), never rewritten; the newest valid wins
 *                                               (older ones are pruned once their snapshot's manifest is gone)
 * W/snapshots/&lt;id&gt;.json                          manifest: fact files per partition, loaded files, reference
 * W/catalogue/&lt;id&gt;.duckdb                        the analyst catalogue of that snapshot (never written after publish)
 * W/reference/&lt;id&gt;/*.csv                         the reference data that snapshot was built with
 * W/facts/&lt;table&gt;/year=YYYY/month=MM/*.parquet    fact files; only those a manifest lists are live
 * W/meta/loads/&lt;loadId&gt;.json                     one record per load attempt, published or failed
 * W/meta/quarantine/load_id=&lt;loadId&gt;/*.parquet   rejected rows of that load
 * W/meta/landing_hashes.json                      landing files' content hashes by path, size and mtime
 * W/meta/dag_runs/&lt;dagId&gt;__&lt;runId&gt;.json          the scheduler's record of each run (meta.dag_runs)
 * W/staging/&lt;loadId&gt;/                          in-flight Spark output, removed after the load
 * W/restricted/                                 employee-level data; never exposed to analysts:
 * W/restricted/pseudonym.key                    generated HR pseudonym key (when none is configured)
 * W/restricted/pseudonym-key.fingerprint        fingerprint of the key the pseudonyms were made with
 * W/restricted/facts/&lt;table&gt;/year=YYYY/month=MM/*.parquet   restricted facts (FactSchema.restricted)
 * W/restricted/staging/&lt;loadId&gt;/               in-flight restricted Spark output
 * W/restricted/catalogue/&lt;snapshotId&gt;/&lt;table&gt;/period=YYYYMM/*.parquet  the catalogue build's HR group sums
 *                                               (small groups too), kept for the next build to copy the unchanged
 *                                               periods of (an unchanged period's files are the earlier build's, linked)
 * W/prepared/&lt;run&gt;/                             a nightly DAG run's source tasks' ingests, staged for its load
 * W/prepared/&lt;run&gt;/run.json                     the load id the run's tasks stage with (reserved for its load)
 * W/prepared/&lt;run&gt;/&lt;source&gt;/                    one source's result, laid out as a warehouse (facts/, meta/quarantine/,
 *                                               restricted/facts/), moved into place by the run's load
 * W/prepared/&lt;run&gt;/&lt;source&gt;.json               its record (written last): what it was prepared from, outcomes, partitions
 * W/prepared/&lt;run&gt;/&lt;source&gt;.landing_hashes.json  the content hashes of the files it staged, for the load's listing
 * W/prepared/&lt;run&gt;/*.lock                      held while a task writes there (a live run's area is never swept)
 * W/.lock                                       held by a running load
 * W/.publish.lock                               held while the current pointer is compared and swapped
 * </pre>
 */
public record WarehouseLayout(Path root) {
    /** In a run's prepared folder: the reserved load id, and the lock held while it is reserved. */
    public static final String PREPARED_RUN_FILE = "run.json";
    public static final String PREPARED_RUN_LOCK = "run.lock";

    public WarehouseLayout {
        requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public Path currentPointer() {
        return root.resolve("current");
    }

    /**
     * The versioned pointers of a warehouse on a Hadoop store ({@code hdfs://}, {@code s3a://} …), where a
     * rename is not atomic everywhere: see {@link WarehouseStore#publish}.
     */
    public Path publishedPointersDir() {
        return root.resolve("published");
    }

    public Path snapshotsDir() {
        return root.resolve("snapshots");
    }

    public Path snapshotFile(String snapshotId) {
        return snapshotsDir().resolve(snapshotId + ".json");
    }

    public Path catalogueDir() {
        return root.resolve("catalogue");
    }

    public Path catalogueFile(String snapshotId) {
        return catalogueDir().resolve(snapshotId + ".duckdb");
    }

    public Path referenceDir(String snapshotId) {
        return referenceRoot().resolve(snapshotId);
    }

    /** {@code W/reference}: one folder per snapshot. */
    public Path referenceRoot() {
        return root.resolve("reference");
    }

    public Path factsDir() {
        return root.resolve("facts");
    }

    public Path factTableDir(String table) {
        return factsDir().resolve(table);
    }

    /** {@code facts/<table>/year=YYYY/month=MM}, month zero-padded. */
    public Path factPartitionDir(String table, int period) {
        int year = period / 100;
        int month = period % 100;
        return factTableDir(table).resolve("year=" + year).resolve(String.format("month=%02d", month));
    }

    public Path loadsDir() {
        return root.resolve("meta").resolve("loads");
    }

    public Path loadRecordFile(String loadId) {
        return loadsDir().resolve(loadId + ".json");
    }

    /** Content hashes of landing files from earlier loads, so unchanged files are not read again. */
    public Path landingHashesFile() {
        return root.resolve("meta").resolve("landing_hashes.json");
    }

    public Path quarantineDir() {
        return root.resolve("meta").resolve("quarantine");
    }

    public Path quarantineDir(String loadId) {
        return quarantineDir().resolve("load_id=" + loadId);
    }

    /** Where loads stage Spark output; whatever is here when a load starts is a crashed load's leftovers. */
    public Path stagingRoot() {
        return root.resolve("staging");
    }

    public Path stagingDir(String loadId) {
        return stagingRoot().resolve(loadId);
    }

    public Path restrictedDir() {
        return root.resolve("restricted");
    }

    /** The HR pseudonym key the first HR load generates when none is configured. */
    public Path generatedPseudonymKeyFile() {
        return restrictedDir().resolve("pseudonym.key");
    }

    /** Fingerprint of the key the warehouse's pseudonyms were made with, so a changed key is caught. */
    public Path pseudonymKeyFingerprintFile() {
        return restrictedDir().resolve("pseudonym-key.fingerprint");
    }

    /**
     * {@code restricted/catalogue/<snapshotId>}: the sums over groups of any size the catalogue build of that snapshot
     * computed (build-only TEMP tables), so the next build copies their unchanged periods instead of recomputing them.
     */
    public Path restrictedCatalogueDir(String snapshotId) {
        return restrictedDir().resolve("catalogue").resolve(snapshotId);
    }

    /** {@code restricted/facts/<table>/year=YYYY/month=MM}: where a restricted fact's partitions live. */
    public Path restrictedPartitionDir(String table, int period) {
        return restrictedFactsDir().resolve(table).resolve("year=" + (period / 100))
                .resolve(String.format("month=%02d", period % 100));
    }

    public Path restrictedFactsDir() {
        return restrictedDir().resolve("facts");
    }

    /** As {@link #stagingRoot()}, for employee-level facts. */
    public Path restrictedStagingRoot() {
        return restrictedDir().resolve("staging");
    }

    public Path restrictedStagingDir(String loadId) {
        return restrictedStagingRoot().resolve(loadId);
    }

    public Path lockFile() {
        return root.resolve(".lock");
    }

    /** Held only while a publish compares the current pointer with its base and swaps it. */
    public Path publishLockFile() {
        return root.resolve(".publish.lock");
    }

    /** The scheduler's run records, one file per run of a DAG that loads this warehouse. */
    public Path dagRunsDir() {
        return root.resolve("meta").resolve("dag_runs");
    }

    /** {@code meta/dag_runs/<dagId>__<runId, URL-encoded>.json}: run ids hold {@code :} and {@code +}. */
    public Path dagRunFile(String dagId, String runId) {
        return dagRunsDir().resolve(dagId + "__" + URLEncoder.encode(runId, StandardCharsets.UTF_8) + ".json");
    }

    /** {@code W/prepared}: what the nightly DAG's source tasks staged for their run's load to commit. */
    public Path preparedRoot() {
        return root.resolve("prepared");
    }

    /** {@code prepared/<run>}: one DAG run's staged ingests; see {@link #preparedRunFolder}. */
    public Path preparedRunDir(String runId) {
        return preparedRoot().resolve(preparedRunFolder(runId));
    }

    /** {@code prepared/<run>/run.json}: the load id the run's source tasks stage with. */
    public Path preparedRunFile(String runId) {
        return preparedRunDir(runId).resolve(PREPARED_RUN_FILE);
    }

    /** {@code prepared/<run>/run.lock}: held while a task reserves the run's load id. */
    public Path preparedRunLockFile(String runId) {
        return preparedRunDir(runId).resolve(PREPARED_RUN_LOCK);
    }

    /** {@code prepared/<run>/<source>}: one source's staged result, itself laid out as a warehouse. */
    public Path preparedSourceDir(String runId, String source) {
        return preparedRunDir(runId).resolve(source);
    }

    /** {@code prepared/<run>/<source>.json}: the record of that result, written once it is complete. */
    public Path preparedSourceFile(String runId, String source) {
        return preparedRunDir(runId).resolve(source + ".json");
    }

    /**
     * {@code prepared/<run>/<source>.landing_hashes.json}: the content hashes (with size, modification time and
     * inode) of the landing files the source's task staged, so the run's load need not read them again.
     */
    public Path preparedLandingHashesFile(String runId, String source) {
        return preparedRunDir(runId).resolve(source + ".landing_hashes.json");
    }

    /** {@code prepared/<run>/<source>.lock}: held while the source's task writes its result. */
    public Path preparedSourceLockFile(String runId, String source) {
        return preparedRunDir(runId).resolve(source + ".lock");
    }

    /**
     * A run id as a folder name that Spark and Hadoop paths take: letters, digits, {@code . _ -} kept,
     * everything else ({@code :} and {@code +} of {@code scheduled__2025-03-14T03:30:00+00:00}) as {@code _},
     * and a short hash of the whole id so two ids never share a folder.
     */
    public static String preparedRunFolder(String runId) {
        requireNonNull(runId, "runId");
        String safe = runId.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return safe + "-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path inside the warehouse as stored in manifests: relative, with forward slashes. */
    public String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    public Path resolve(String relativePath) {
        return root.resolve(relativePath).normalize();
    }
}
