package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A production contact type (kontakttyp) as one row of contact_types.csv: weight null = not part of
 * weighted care services. Weights can change per year: a row with a {@code year} applies to that
 * year, a row without one to every year that has no row of its own ({@link ContactWeights}).
 *
 * @param year the year this row's weight applies to, or null for every other year
 */
public record ContactType(String code, String name, String category, BigDecimal weight, Integer year) {
    public ContactType {
        requireNonNull(code, "code");
        requireNonNull(name, "name");
        requireNonNull(category, "category");
    }

    /** A row without a year: its weight applies to every year without a row of its own. */
    public ContactType(String code, String name, String category, BigDecimal weight) {
        this(code, name, category, weight, null);
    }
}
