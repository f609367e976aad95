package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One row of capitation_rates.csv: kr per month for one component (and key) in one year for units of
 * one ownership.
 *
 * @param key {@code K:0-4} for AGE_SEX, the factor for CNI, empty for ACG and ACTIVE_LISTED
 * @param rate kr per month and listed person (per ACG point for ACG), not negative
 */
public record CapitationRate(int year, Ownership ownership, CapitationComponent component, String key,
        BigDecimal rate) {
    public CapitationRate {
        requireNonNull(ownership, "ownership");
        requireNonNull(component, "component");
        requireNonNull(key, "key");
        requireNonNull(rate, "rate");
    }
}
