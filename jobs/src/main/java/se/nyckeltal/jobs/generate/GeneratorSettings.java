package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.time.YearMonth;

/**
 * What to generate: whole years up to and including {@code lastMonth}. Never the wall clock: the
 * same settings give the same files on any day.
 *
 * @param years how many calendar years, the last one ending at lastMonth
 */
public record GeneratorSettings(YearMonth lastMonth, int years, long seed) {
    /** The demo's default: three years, January 2024 to October 2026. */
    public static final YearMonth DEFAULT_LAST_MONTH = YearMonth.of(2026, 10);

    public GeneratorSettings {
        requireNonNull(lastMonth, "lastMonth");
        if (years < 1 || years > 20) {
            throw new IllegalArgumentException("years must be between 1 and 20");
        }
    }

    public static GeneratorSettings defaults() {
        return new GeneratorSettings(DEFAULT_LAST_MONTH, 3, 20240331L);
    }

    public YearMonth firstMonth() {
        return YearMonth.of(lastMonth.getYear() - years + 1, 1);
    }
}
