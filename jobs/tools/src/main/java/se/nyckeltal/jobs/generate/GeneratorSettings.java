package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.time.YearMonth;

/**
 * What to generate: whole years up to and including {@code lastMonth}, for a region of the given
 * scale. Never the wall clock: the same settings give the same files on any day.
 *
 * @param years how many calendar years, the last one ending at lastMonth
 */
public record GeneratorSettings(YearMonth lastMonth, int years, long seed, Scale scale) {
    /** The demo's default: three years, January 2024 to October 2026. */
    public static final YearMonth DEFAULT_LAST_MONTH = YearMonth.of(2026, 10);
    public static final long DEFAULT_SEED = 20240331L;

    public GeneratorSettings {
        requireNonNull(lastMonth, "lastMonth");
        requireNonNull(scale, "scale");
        if (years < 1 || years > 20) {
            throw new IllegalArgumentException("years must be between 1 and 20");
        }
    }

    /** The demo region (scale S). */
    public GeneratorSettings(YearMonth lastMonth, int years, long seed) {
        this(lastMonth, years, seed, Scale.S);
    }

    public static GeneratorSettings defaults() {
        return defaults(Scale.S);
    }

    /** The scale's default years up to October 2026, with the demo's seed. */
    public static GeneratorSettings defaults(Scale scale) {
        return new GeneratorSettings(DEFAULT_LAST_MONTH, scale.defaultYears(), DEFAULT_SEED, scale);
    }

    public YearMonth firstMonth() {
        return YearMonth.of(lastMonth.getYear() - years + 1, 1);
    }
}
