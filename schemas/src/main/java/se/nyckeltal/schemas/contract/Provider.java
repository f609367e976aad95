package se.nyckeltal.schemas.contract;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Who produced the care (vårdgivartyp), SPEC §3. The månadsrapport reports each group in its own
 * production table: own production; region-run and private vårdcentraler together; private
 * providers under agreement.
 */
public enum Provider {
    /** Egen produktion: the region's own clinics. */
    OWN(List.of("egen", "egen regi", "egen produktion", "eget")),
    /** Regiondriven vårdcentral. */
    REGION_PRIMARY_CARE(List.of("regiondriven", "regiondriven vårdcentral", "regiondrivna vårdcentraler",
            "regiondriven primärvård")),
    /** Privat vårdcentral (vårdval). */
    PRIVATE_PRIMARY_CARE(List.of("privat vårdcentral", "privata vårdcentraler", "privat primärvård")),
    /** Privat vårdgivare under avtal (specialists, physiotherapists, chiropractors …). */
    PRIVATE_PROVIDER(List.of("privat vårdgivare", "privata vårdgivare", "avtalsvårdgivare"));

    private final List<String> swedishAliases;

    Provider(List<String> swedishAliases) {
        this.swedishAliases = swedishAliases;
    }

    /** The Swedish names a delivery may use instead of the code, lower case. */
    public List<String> swedishAliases() {
        return swedishAliases;
    }

    /**
     * Reads a provider as delivered: the code or a Swedish alias, any case; blanks, hyphens and
     * underscores are interchangeable ("Privat vårdcentral" = "PRIVAT_VÅRDCENTRAL"). An empty value
     * means OWN (SPEC §3). Anything else is an error the caller quarantines.
     */
    public static Provider parse(String text) {
        if (text == null || text.isBlank()) {
            return OWN;
        }
        String wanted = normalise(text);
        for (Provider provider : values()) {
            if (normalise(provider.name()).equals(wanted)) {
                return provider;
            }
            for (String alias : provider.swedishAliases) {
                if (normalise(alias).equals(wanted)) {
                    return provider;
                }
            }
        }
        throw new IllegalArgumentException("unknown provider '" + text.strip() + "': use OWN, REGION_PRIMARY_CARE,"
                + " PRIVATE_PRIMARY_CARE or PRIVATE_PROVIDER (egen, regiondriven, privat vårdcentral, privat vårdgivare)");
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\u00A0_\\-]+", " ");
    }
}
