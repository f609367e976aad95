package se.nyckeltal.schemas.contract;

import java.text.Normalizer;
import java.util.Locale;

/** How a coded HR value is compared: case, blanks, hyphens and å/ä/ö do not matter. */
final class HrVocabulary {
    private HrVocabulary() {}

    /** Upper case, blanks and hyphens as '_', Å Ä → A, Ö → O ("Övrig frånvaro" → "OVRIG_FRANVARO"). */
    static String key(String text) {
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.toUpperCase(Locale.ROOT).replaceAll("[\\s\\u00A0\\-/]+", "_");
    }
}
