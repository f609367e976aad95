package se.nyckeltal.schemas.contract;

import java.util.List;

/** Whose hours a row holds: own employees, the region's resource pool, or hired agency staff (inhyrd). */
public enum StaffCategory {
    OWN("EGEN", "EGEN_PERSONAL"),
    RESOURCE_POOL("RESURSENHET", "RESURSENHETEN", "RESURSPOOL"),
    AGENCY("INHYRD", "INHYRD_PERSONAL", "BEMANNING");

    private final List<String> swedish;

    StaffCategory(String... swedish) {
        this.swedish = List.of(swedish);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static StaffCategory parse(String text) {
        String key = HrVocabulary.key(text);
        for (StaffCategory category : values()) {
            if (category.name().equals(key) || category.swedish.contains(key)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown staff category '" + text.strip()
                + "': use OWN, RESOURCE_POOL or AGENCY (egen, resursenhet, inhyrd)");
    }
}
