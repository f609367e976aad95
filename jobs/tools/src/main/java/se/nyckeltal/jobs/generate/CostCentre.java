package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

/**
 * One cost centre (kostnadsställe) of a generated region: its own id, and the demo unit it is a
 * copy of, smaller or larger. The demo's 40 units are their own templates; in the larger scales a
 * template's cost centres share its kind (ward or office, clinic or health centre), its accounts and
 * its contact types, with the template's size split between them.
 *
 * @param template the demo unit id whose shape this cost centre has
 * @param profile the template's economics at this cost centre's size
 * @param volumeFactor how many times the template's production this cost centre has (1 in the demo)
 */
record CostCentre(String id, String template, UnitProfile profile, double volumeFactor) {
    CostCentre {
        requireNonNull(id, "id");
        requireNonNull(template, "template");
        requireNonNull(profile, "profile");
    }

    /** A demo unit as itself. */
    static CostCentre demoUnit(String unitId) {
        return new CostCentre(unitId, unitId, UnitProfile.of(unitId), 1.0);
    }

    int templateCode() {
        return Integer.parseInt(template);
    }

    /** Wards and clinics staffed around the clock: somatic care, geriatrics, psychiatry. */
    boolean ward() {
        int code = templateCode();
        return code >= 1010 && code <= 1100 || code >= 2070 && code <= 2100;
    }

    /** The clinics and health centres that hire agency staff. */
    boolean hiresAgencyStaff() {
        return template.compareTo("1010") >= 0 && template.compareTo("2050") <= 0;
    }

    /** Whether anybody is employed here (not Förvaltningsgemensamt, which only carries common costs). */
    boolean employs() {
        return profile.lines().stream().anyMatch(l -> l.account().equals("4010"));
    }
}
