package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One version of a unit in the org structure (SCD2): which area it belongs to from validFrom to
 * validTo (inclusive; null = open).
 *
 * @param ownership PUBLIC or PRIVATE for a care-choice unit (vårdval: region-run or private vårdcentral),
 *     null for the rest
 * @param unitType the kind of unit, e.g. VC, BVC, BMM, BUP; null when not given
 */
public record OrgUnitVersion(
        String unitId, String unitName, String areaId, String areaName, LocalDate validFrom, LocalDate validTo,
        Ownership ownership, String unitType) {
    public OrgUnitVersion {
        requireNonNull(unitId, "unitId");
        requireNonNull(unitName, "unitName");
        requireNonNull(areaId, "areaId");
        requireNonNull(areaName, "areaName");
        requireNonNull(validFrom, "validFrom");
    }

    /** A version without ownership or unit type. */
    public OrgUnitVersion(
            String unitId, String unitName, String areaId, String areaName, LocalDate validFrom, LocalDate validTo) {
        this(unitId, unitName, areaId, areaName, validFrom, validTo, null, null);
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }
}
