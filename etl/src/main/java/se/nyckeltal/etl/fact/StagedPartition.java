package se.nyckeltal.etl.fact;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * One fact partition written to staging and read back: what it really holds, before it is moved
 * into place.
 *
 * @param files the Parquet files in staging
 * @param sourceFile the one delivery the partition came from
 * @param rows fact rows read back
 * @param amount sum of the amount column read back (zero for facts without one)
 * @param second sum of the second summed column read back (zero without one): an indicator's denominator
 */
public record StagedPartition(
        String scenario, int period, List<Path> files, String sourceFile, long rows, BigDecimal amount, BigDecimal second) {
    public StagedPartition {
        requireNonNull(scenario, "scenario");
        requireNonNull(sourceFile, "sourceFile");
        requireNonNull(amount, "amount");
        requireNonNull(second, "second");
        files = List.copyOf(files);
    }

    /** {@code SCENARIO:YYYYMM}, as in {@code FileOutcome.partitions}. */
    public String label() {
        return scenario + ":" + period;
    }
}
