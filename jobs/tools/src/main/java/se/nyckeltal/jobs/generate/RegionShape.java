package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import se.nyckeltal.schemas.reference.OrgUnitVersion;
import se.nyckeltal.schemas.reference.Ownership;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * The cost centres of a generated region and its org structure. Scale S is the reference data's
 * units as they are (the demo). M and L split each demo unit into cost centres of its kind, sized
 * so the region has {@link Scale#sizeFactor()} times the demo's staff, costs and volumes, with
 * six-digit ids (template × 100 + number: 1050 → 105001, 105002, …) and the template's area and
 * area history; their org structure is written to {@code <landing>/reference/org_units.csv}.
 */
final class RegionShape {
    /** Units kept whole at every scale: the staff pool, purchased care, common costs (one of each in a region). */
    private static final Set<String> WHOLE = Set.of("6020", "6030", "6040");

    private final Scale scale;
    private final List<CostCentre> costCentres;
    private final List<OrgUnitVersion> orgUnits;

    private RegionShape(Scale scale, List<CostCentre> costCentres, List<OrgUnitVersion> orgUnits) {
        this.scale = requireNonNull(scale, "scale");
        this.costCentres = List.copyOf(costCentres);
        this.orgUnits = List.copyOf(orgUnits);
    }

    static RegionShape of(ReferenceData reference, Scale scale, long seed) {
        Map<String, List<OrgUnitVersion>> templates = new LinkedHashMap<>();
        List<OrgUnitVersion> privateUnits = new ArrayList<>();
        for (OrgUnitVersion unit : reference.orgUnits()) {
            if (unit.ownership() == Ownership.PRIVATE) {
                // A private vårdcentral keeps its own books: the region has its listings, not its ledger or staff.
                privateUnits.add(unit);
                continue;
            }
            templates.computeIfAbsent(unit.unitId(), id -> new ArrayList<>()).add(unit);
        }
        if (scale == Scale.S) {
            return new RegionShape(scale, templates.keySet().stream().map(CostCentre::demoUnit).toList(),
                    reference.orgUnits());
        }
        List<CostCentre> costCentres = new ArrayList<>();
        List<OrgUnitVersion> orgUnits = new ArrayList<>();
        for (Map.Entry<String, List<OrgUnitVersion>> template : templates.entrySet()) {
            String id = template.getKey();
            UnitProfile profile = UnitProfile.of(id);
            double size = profile.size() * scale.sizeFactor();
            int count = WHOLE.contains(id) ? 1 : (int) Math.max(1, Math.round(size / scale.costCentreSize()));
            if (count > 99) {
                throw new IllegalStateException("unit " + id + " would need " + count + " cost centres; the ids have room for 99");
            }
            // Cost centres of one kind differ in size: half to one and a half times the average.
            SplittableRandom random = new SplittableRandom(Objects.hash(seed, "cost-centres", id));
            double[] weights = new double[count];
            double sum = 0;
            for (int k = 0; k < count; k++) {
                weights[k] = 0.5 + random.nextDouble();
                sum += weights[k];
            }
            for (int k = 0; k < count; k++) {
                double share = weights[k] / sum;
                CostCentre centre = new CostCentre(id + String.format("%02d", k + 1), id,
                        profile.withSize(size * share), scale.sizeFactor() * share);
                costCentres.add(centre);
                for (OrgUnitVersion version : template.getValue()) {
                    orgUnits.add(new OrgUnitVersion(centre.id(), name(version.unitName(), centre, k + 1, count),
                            version.areaId(), version.areaName(), version.validFrom(), version.validTo(),
                            version.ownership(), version.unitType()));
                }
            }
        }
        orgUnits.addAll(privateUnits);
        return new RegionShape(scale, costCentres, orgUnits);
    }

    /** "Kirurgkliniken, avd 3", "Vårdcentral Norr, enhet 2"; a unit kept whole keeps its name. */
    private static String name(String templateName, CostCentre centre, int number, int count) {
        if (count == 1) {
            return templateName;
        }
        return templateName + (centre.ward() ? ", avd " : ", enhet ") + number;
    }

    Scale scale() {
        return scale;
    }

    List<CostCentre> costCentres() {
        return costCentres;
    }

    List<OrgUnitVersion> orgUnits() {
        return orgUnits;
    }

    /** The first cost centre made from a demo unit: where a deliberate bad row of that unit is booked. */
    String first(String template) {
        return costCentres.stream().filter(c -> c.template().equals(template)).map(CostCentre::id).findFirst()
                .orElse(template);
    }

    /** The scaled regions bring their own org structure; the demo uses the shipped default. */
    boolean hasOwnReference() {
        return scale != Scale.S;
    }

    /** Writes {@code org_units.csv} in the reference format (SPEC §3); the other reference files stay the defaults. */
    Path writeOrgUnits(Path referenceDir) {
        StringBuilder text = new StringBuilder("unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership;unit_type\n");
        for (OrgUnitVersion unit : orgUnits) {
            text.append(unit.unitId()).append(';').append(unit.unitName()).append(';').append(unit.areaId()).append(';')
                    .append(unit.areaName()).append(';').append(unit.validFrom()).append(';')
                    .append(unit.validTo() == null ? "" : unit.validTo().toString()).append(';')
                    .append(unit.ownership() == null ? "" : unit.ownership().name()).append(';')
                    .append(unit.unitType() == null ? "" : unit.unitType()).append('\n');
        }
        Path file = referenceDir.resolve(ReferenceData.ORG_UNITS);
        try {
            Files.createDirectories(referenceDir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
