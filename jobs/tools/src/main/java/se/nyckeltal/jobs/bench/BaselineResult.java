package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What one run of the {@link DuckDbLedgerBaseline} did, in the terms of the Spark path's load record
 * (FileOutcome), and where its time went.
 *
 * @param published false when a file was rejected (unreadable, or over the reject threshold) or did
 *     not reconcile: then, as in the Spark path, no fact was written, only the quarantine
 * @param factRows fact rows written (read back from the Parquet files)
 * @param files one per input file, in input order
 * @param phases wall time per phase, in the order they ran
 * @param phasesCpu the process's CPU time per phase (all its threads: DuckDB's, Java's, the
 *     collector's, anything else the JVM runs meanwhile); on a shared machine wall time alone says
 *     little
 * @param wall the whole run, the DuckDB connection included
 * @param cpu the process's CPU time during the whole run
 */
public record BaselineResult(boolean published, long factRows, List<FileResult> files, Map<String, Duration> phases,
        Map<String, Duration> phasesCpu, Duration wall, Duration cpu) {
    public BaselineResult {
        requireNonNull(files, "files");
        requireNonNull(phases, "phases");
        requireNonNull(phasesCpu, "phasesCpu");
        requireNonNull(wall, "wall");
        requireNonNull(cpu, "cpu");
        files = List.copyOf(files);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        phasesCpu = Collections.unmodifiableMap(new LinkedHashMap<>(phasesCpu));
    }

    /**
     * One delivered file. The amounts reconcile as in FileOutcome:
     * {@code amountTotal = amountLoaded + amountQuarantined + amountSuperseded}.
     *
     * @param sourceFile landing-relative, e.g. {@code ledger/huvudbok-2024-03.csv}
     * @param encoding as the load record labels it; null when unreadable
     * @param delimiter the delimiter's label; null when unreadable
     * @param rejected unreadable or over the reject threshold
     * @param rowsRead data rows: lines after the header that are not blank
     * @param amountLoaded the file's amount in the facts as read back (zero when nothing was published)
     * @param problem why the file was rejected or did not reconcile, else null
     */
    public record FileResult(String sourceFile, String encoding, String delimiter, boolean rejected, long rowsRead,
            long rowsQuarantined, long rowsUnparsedAmount, long blankLines, BigDecimal amountTotal,
            BigDecimal amountLoaded, BigDecimal amountQuarantined, BigDecimal amountSuperseded, boolean reconciled,
            String problem) {
        public FileResult {
            requireNonNull(sourceFile, "sourceFile");
            requireNonNull(amountTotal, "amountTotal");
            requireNonNull(amountLoaded, "amountLoaded");
            requireNonNull(amountQuarantined, "amountQuarantined");
            requireNonNull(amountSuperseded, "amountSuperseded");
        }

        public long rowsValid() {
            return rowsRead - rowsQuarantined;
        }
    }

    public long rowsRead() {
        return sum(FileResult::rowsRead);
    }

    public long rowsValid() {
        return sum(FileResult::rowsValid);
    }

    public long rowsQuarantined() {
        return sum(FileResult::rowsQuarantined);
    }

    public long blankLines() {
        return sum(FileResult::blankLines);
    }

    public BigDecimal amountTotal() {
        return total(FileResult::amountTotal);
    }

    public BigDecimal amountLoaded() {
        return total(FileResult::amountLoaded);
    }

    public BigDecimal amountQuarantined() {
        return total(FileResult::amountQuarantined);
    }

    public BigDecimal amountSuperseded() {
        return total(FileResult::amountSuperseded);
    }

    private long sum(ToLongFunction<FileResult> field) {
        return files.stream().mapToLong(field).sum();
    }

    private BigDecimal total(Function<FileResult, BigDecimal> field) {
        return files.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
