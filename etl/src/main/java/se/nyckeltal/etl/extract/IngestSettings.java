package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * How strict an ingest is.
 *
 * @param rejectThreshold the share of a file's data rows (0..1) that may be quarantined before the
 *     whole file is rejected; a file is rejected when its share is strictly greater (SPEC §4)
 * @param guard limits every valid line must keep (periods, text lengths)
 */
public record IngestSettings(BigDecimal rejectThreshold, LineGuard guard) {
    public static final BigDecimal DEFAULT_REJECT_THRESHOLD = new BigDecimal("0.01");

    public IngestSettings {
        requireNonNull(rejectThreshold, "rejectThreshold");
        requireNonNull(guard, "guard");
        if (rejectThreshold.signum() < 0 || rejectThreshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("rejectThreshold is a share between 0 and 1, got " + rejectThreshold);
        }
    }

    /** With the default text limit and no period limit. */
    public IngestSettings(BigDecimal rejectThreshold) {
        this(rejectThreshold, LineGuard.textOnly());
    }

    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_REJECT_THRESHOLD);
    }

    /** True when {@code quarantined} of {@code dataRows} is more than the threshold allows. */
    public boolean exceedsThreshold(long quarantined, long dataRows) {
        // Exact: quarantined / dataRows > threshold  <=>  quarantined > threshold * dataRows.
        return dataRows > 0
                && BigDecimal.valueOf(quarantined).compareTo(rejectThreshold.multiply(BigDecimal.valueOf(dataRows))) > 0;
    }
}
