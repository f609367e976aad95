package se.nyckeltal.schemas.contract;

import java.util.Arrays;
import java.util.List;

/**
 * The kind of hours an HR row carries (SPEC §3). Arbetad tid = WORKED + OVERTIME; ON_CALL (jour och
 * beredskap) is reported beside it. SCHEDULED is the ordinary time by schedule (schemalagd tid), the
 * denominator of sick leave; SICK is sjukfrånvaro within it.
 */
public enum HourType {
    WORKED("ARBETAD", "ARBETAD_TID"),
    OVERTIME("OVERTID", "MERTID", "OVERTID_MERTID"),
    ON_CALL("JOUR", "BEREDSKAP", "JOUR_BEREDSKAP"),
    SCHEDULED("SCHEMALAGD", "SCHEMALAGD_TID", "SCHEMA", "ORDINARIE"),
    SICK("SJUK", "SJUKFRANVARO"),
    VACATION("SEMESTER"),
    OTHER_ABSENCE("OVRIG_FRANVARO", "ANNAN_FRANVARO");

    private final List<String> swedish;

    HourType(String... swedish) {
        this.swedish = List.of(swedish);
    }

    /**
     * The hour type of a delivered value: the English code or a Swedish name, any case, å/ä/ö optional.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static HourType parse(String text) {
        String key = HrVocabulary.key(text);
        for (HourType type : values()) {
            if (type.name().equals(key) || type.swedish.contains(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown hour type '" + text.strip() + "': use one of "
                + Arrays.toString(values()) + " (or ARBETAD, ÖVERTID, JOUR, SCHEMALAGD, SJUK, SEMESTER, ÖVRIG FRÅNVARO)");
    }
}
