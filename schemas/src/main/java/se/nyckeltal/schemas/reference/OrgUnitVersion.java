package se.nyckeltal.schemas.reference;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One version of a unit in the org structure (SCD2): which area it belongs to from validFrom to
 * validTo (inclusive; null = open).
 */
public record OrgUnitVersion(
        String unitId, String unitName, String areaId, String areaName, LocalDate validFrom, LocalDate validTo) {
    public OrgUnitVersion {
        requireNonNull(unitId, "unitId");
        requireNonNull(unitName, "unitName");
        requireNonNull(areaId, "areaId");
        requireNonNull(areaName, "areaName");
        requireNonNull(validFrom, "validFrom");
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }
}
