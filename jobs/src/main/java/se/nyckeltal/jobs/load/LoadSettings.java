package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * @param rejectThreshold share of bad rows above which a whole file is refused (SPEC §4: 1 %)
 * @param pseudonymKeyFile the HR pseudonym key file, or null: then the environment variable
 *     NYCKELTAL_PSEUDONYM_KEY, else the key the warehouse generates in {@code W/restricted/}
 */
public record LoadSettings(Path landing, Path warehouse, BigDecimal rejectThreshold, Path pseudonymKeyFile) {
    public static final BigDecimal DEFAULT_REJECT_THRESHOLD = new BigDecimal("0.01");

    public LoadSettings {
        requireNonNull(landing, "landing");
        requireNonNull(warehouse, "warehouse");
        requireNonNull(rejectThreshold, "rejectThreshold");
        if (rejectThreshold.signum() < 0 || rejectThreshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the reject threshold is a share between 0 and 1 (0.01 = 1 %)");
        }
    }

    /** Without a configured pseudonym key file. */
    public LoadSettings(Path landing, Path warehouse, BigDecimal rejectThreshold) {
        this(landing, warehouse, rejectThreshold, null);
    }
}
