package se.nyckeltal.schemas.reference;

import java.util.Locale;

/**
 * Who runs a care-choice unit (driftform): the region itself or a private provider. Capitation rates
 * differ between the two (capitation_rates.csv), and the KPIs roll up to org level 'ownership'.
 */
public enum Ownership {
    /** Region-run (offentlig, regiondriven). */
    PUBLIC,
    /** Privately run (privat). */
    PRIVATE;

    /** PUBLIC or PRIVATE, also in Swedish (offentlig, regiondriven, privat), any case. */
    public static Ownership parse(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "PUBLIC", "OFFENTLIG", "REGIONDRIVEN" -> PUBLIC;
            case "PRIVATE", "PRIVAT" -> PRIVATE;
            default -> throw new IllegalArgumentException("ownership '" + text.strip()
                    + "' must be PUBLIC or PRIVATE (offentlig or privat)");
        };
    }
}
