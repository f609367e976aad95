package se.nyckeltal.schemas.contract;

import java.util.List;

/** Yrkesgrupp, as the månadsrapport breaks down årsarbetare. */
public enum Profession {
    DOCTOR("LAKARE"),
    NURSE("SJUKSKOTERSKA", "SJUKSKOTERSKOR"),
    ASSISTANT_NURSE("UNDERSKOTERSKA", "UNDERSKOTERSKOR"),
    MANAGEMENT("LEDNING", "LEDNINGSPERSONAL", "CHEF"),
    ADMINISTRATION("ADM", "ADMINISTRATIV_PERSONAL"),
    OTHER("OVRIGA", "OVRIGT", "OVRIGA_YRKESGRUPPER");

    private final List<String> swedish;

    Profession(String... swedish) {
        this.swedish = List.of(swedish);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Profession parse(String text) {
        String key = HrVocabulary.key(text);
        for (Profession profession : values()) {
            if (profession.name().equals(key) || profession.swedish.contains(key)) {
                return profession;
            }
        }
        throw new IllegalArgumentException("unknown profession '" + text.strip() + "': use DOCTOR, NURSE,"
                + " ASSISTANT_NURSE, MANAGEMENT, ADMINISTRATION or OTHER (läkare, sjuksköterska, undersköterska,"
                + " ledning, administration, övriga)");
    }
}
