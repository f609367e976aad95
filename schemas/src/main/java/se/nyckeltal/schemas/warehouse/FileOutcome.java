package se.nyckeltal.schemas.warehouse;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one load did with one delivered file. The amounts reconcile:
 * {@code amountTotal = amountLoaded + amountQuarantined + amountSuperseded}, where amountTotal is
 * the sum of every parseable amount in the file and amountSuperseded the part a later file of the
 * same load replaced. Rows whose amount could not be parsed at all are counted in
 * {@code rowsUnparsedAmount} (they are quarantined and carry no amount).
 *
 * @param path landing-relative, e.g. {@code ledger/huvudbok-2024-03.csv}
 * @param partitions the partitions the file delivered, as {@code SCENARIO:YYYYMM}
 */
public record FileOutcome(
        String source,
        String path,
        String sha256,
        Status status,
        String encoding,
        String delimiter,
        long rowsRead,
        long rowsLoaded,
        long rowsQuarantined,
        long rowsUnparsedAmount,
        long blankLines,
        BigDecimal amountTotal,
        BigDecimal amountLoaded,
        BigDecimal amountQuarantined,
        BigDecimal amountSuperseded,
        boolean reconciled,
        List<String> partitions,
        String message) {

    public FileOutcome {
        requireNonNull(source, "source");
        requireNonNull(path, "path");
        requireNonNull(status, "status");
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    public enum Status {
        /** Valid rows published, bad rows (within the threshold) quarantined. */
        LOADED,
        /** Same content already published earlier; nothing done. */
        SKIPPED_ALREADY_LOADED,
        /** Same content as an earlier file of this load; nothing done. */
        SKIPPED_DUPLICATE,
        /** Too many bad rows, or unreadable: the whole file is refused and the load fails. */
        REJECTED,
        /**
         * Valid, but the load it was read by failed or died before publishing: nothing of it is in any
         * catalogue, and the next load reads it again.
         */
        NOT_PUBLISHED,
        /**
         * Not read by this load: still being written (changed while the load ran, younger than the minimum
         * file age, or without its {@code .done} marker). A later load reads it.
         */
        WAITING,
        /** Refused before reading: a symbolic link leading outside the landing zone. */
        REFUSED_LINK
    }

    /** As loaded by a load that did not publish: {@link Status#NOT_PUBLISHED}; other statuses unchanged. */
    public FileOutcome notPublished() {
        if (status != Status.LOADED) {
            return this;
        }
        return new FileOutcome(source, path, sha256, Status.NOT_PUBLISHED, encoding, delimiter, rowsRead, rowsLoaded,
                rowsQuarantined, rowsUnparsedAmount, blankLines, amountTotal, amountLoaded, amountQuarantined,
                amountSuperseded, reconciled, partitions, message);
    }

    /** A file skipped before parsing. */
    public static FileOutcome skipped(String source, String path, String sha256, Status status, String message) {
        BigDecimal zero = BigDecimal.ZERO;
        return new FileOutcome(source, path, sha256, status, null, null, 0, 0, 0, 0, 0,
                zero, zero, zero, zero, true, List.of(), message);
    }
}
