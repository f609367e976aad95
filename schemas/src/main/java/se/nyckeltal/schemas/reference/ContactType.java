package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/** A production contact type (kontakttyp); weight null = not part of weighted care services. */
public record ContactType(String code, String name, String category, BigDecimal weight) {
    public ContactType {
        requireNonNull(code, "code");
        requireNonNull(name, "name");
        requireNonNull(category, "category");
    }
}
