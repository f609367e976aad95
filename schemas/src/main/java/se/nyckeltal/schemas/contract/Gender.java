package se.nyckeltal.schemas.contract;

/** Kön as HR systems deliver it: K (kvinna) or M (man). */
public enum Gender {
    K,
    M;

    /** K or M, also written out (kvinna, man), any case. @throws IllegalArgumentException otherwise */
    public static Gender parse(String text) {
        return switch (HrVocabulary.key(text)) {
            case "K", "KVINNA" -> K;
            case "M", "MAN" -> M;
            default -> throw new IllegalArgumentException("unknown gender '" + text.strip() + "': use K or M");
        };
    }
}
