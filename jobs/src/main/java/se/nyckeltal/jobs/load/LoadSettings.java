package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

/**
 * @param rejectThreshold share of bad rows above which a whole file is refused (SPEC §4: 1 %)
 * @param pseudonymKeyFile the HR pseudonym key file, or null: then the environment variable
 *     NYCKELTAL_PSEUDONYM_KEY, else the key the warehouse generates in {@code W/restricted/}
 * @param minFileAge landing files modified more recently than this are left for a later load (still
 *     being written); zero reads every file
 * @param doneMarkers the landing zone's extract system writes {@code x.csv.done} once {@code x.csv} is
 *     complete: files without their marker are left for a later load
 * @param businessDate the load's business date (a DAG run's data interval end), or null for a manual
 *     load: then today. ACTUAL periods after it plus one month are quarantined.
 * @param rederive landing-relative paths ({@code ledger/huvudbok-2025-03.csv}) read again although
 *     their content was published: the repair of a fact file that no longer matches its manifest
 * @param localMirror where a warehouse on a Hadoop store ({@code hdfs://} …) is mirrored for the catalogue
 *     build (DuckDB reads local files only), or null for {@link WarehouseMirror#defaultFolder}; unused for a
 *     local warehouse
 * @param preparedRun the nightly DAG run whose source tasks staged ingests for this load
 *     ({@code W/prepared/<run>/}), or null: each such result is committed instead of parsing its files again
 *     when it was made from exactly what this load ingests from
 */
public record LoadSettings(Path landing, Path warehouse, BigDecimal rejectThreshold, Path pseudonymKeyFile,
        Duration minFileAge, boolean doneMarkers, LocalDate businessDate,
        Set<String> rederive, Path localMirror, String preparedRun) {
    public static final BigDecimal DEFAULT_REJECT_THRESHOLD = new BigDecimal("0.01");

    public LoadSettings {
        requireNonNull(landing, "landing");
        requireNonNull(warehouse, "warehouse");
        requireNonNull(rejectThreshold, "rejectThreshold");
        requireNonNull(minFileAge, "minFileAge");
        rederive = rederive == null ? Set.of() : Set.copyOf(rederive);
        if (rejectThreshold.signum() < 0 || rejectThreshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the reject threshold is a share between 0 and 1 (0.01 = 1 %)");
        }
        if (minFileAge.isNegative()) {
            throw new IllegalArgumentException("the minimum file age cannot be negative");
        }
    }

    public LoadSettings(Path landing, Path warehouse, BigDecimal rejectThreshold, Path pseudonymKeyFile,
            Duration minFileAge, boolean doneMarkers, LocalDate businessDate, Set<String> rederive) {
        this(landing, warehouse, rejectThreshold, pseudonymKeyFile, minFileAge, doneMarkers, businessDate, rederive,
                null, null);
    }

    /** A manual load: every file read, no markers, today's business date, in a JVM shared with others. */
    public LoadSettings(Path landing, Path warehouse, BigDecimal rejectThreshold, Path pseudonymKeyFile) {
        this(landing, warehouse, rejectThreshold, pseudonymKeyFile, Duration.ZERO, false, null, Set.of());
    }

    /** Without a configured pseudonym key file. */
    public LoadSettings(Path landing, Path warehouse, BigDecimal rejectThreshold) {
        this(landing, warehouse, rejectThreshold, null);
    }

    public LoadSettings withLandingRules(Duration newMinFileAge, boolean newDoneMarkers) {
        return new LoadSettings(landing, warehouse, rejectThreshold, pseudonymKeyFile, newMinFileAge, newDoneMarkers,
                businessDate, rederive, localMirror, preparedRun);
    }

    public LoadSettings withBusinessDate(LocalDate date) {
        return new LoadSettings(landing, warehouse, rejectThreshold, pseudonymKeyFile, minFileAge, doneMarkers, date,
                rederive, localMirror, preparedRun);
    }

    public LoadSettings withLocalMirror(Path folder) {
        return new LoadSettings(landing, warehouse, rejectThreshold, pseudonymKeyFile, minFileAge, doneMarkers,
                businessDate, rederive, folder, preparedRun);
    }

    public LoadSettings withRederive(Set<String> paths) {
        return new LoadSettings(landing, warehouse, rejectThreshold, pseudonymKeyFile, minFileAge, doneMarkers,
                businessDate, paths, localMirror, preparedRun);
    }

    public LoadSettings withPreparedRun(String runId) {
        return new LoadSettings(landing, warehouse, rejectThreshold, pseudonymKeyFile, minFileAge, doneMarkers,
                businessDate, rederive, localMirror, runId);
    }
}
