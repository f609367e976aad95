package se.nyckeltal.schemas.reference;

import java.util.Locale;

/**
 * The parts of the listing compensation (listningsersättning) of capitation_rates.csv, each priced per
 * month in kr, and which listing measure it multiplies (SPEC §3).
 */
public enum CapitationComponent {
    /** Per listed person of a gender and age band; key {@code K:0-4}, multiplies LISTED of that group. */
    AGE_SEX,
    /** Per ACG point (ACG case-mix weight), no key; multiplies ACG_POINTS. */
    ACG,
    /** Per listed person with a Care Need Index factor; key = the factor, multiplies CNI_&lt;FACTOR&gt;. */
    CNI,
    /** Per active listed person, no key; multiplies ACTIVE_LISTED. */
    ACTIVE_LISTED;

    public static CapitationComponent parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("component '" + text.strip()
                    + "' must be AGE_SEX, ACG, CNI or ACTIVE_LISTED");
        }
    }
}
