package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ObjLongConsumer;
import se.nyckeltal.schemas.reference.OrgUnitVersion;

/**
 * Listings of the region's care-choice units (vårdval, SPEC §3): one file per month,
 * {@code listings/listning-YYYY-MM.csv}, in the export styles the other extracts cycle through, with
 * every unit that has an ownership in the org structure — the public and private vårdcentraler (VC),
 * children at the BVC, women at the BMM. Each unit has its own age pyramid (a Swedish population's shape,
 * tilted younger or older), grows slowly, and has its own share of active listed, ACG case-mix and Care
 * Need Index factors. (The rates they are paid by, the shipped capitation_rates.csv, are written with the
 * other reference files by {@link DemoRegionGenerator}.)
 */
final class ListingGenerator {
    /** The age bands of the listings, as the regions' rate tables have them. */
    static final List<int[]> BANDS = bands();
    /** Sweden's population per five-year band, 0-4 … 100- (‰, rounded), the shape every pyramid starts from. */
    private static final double[] POPULATION = {56, 60, 61, 59, 58, 66, 69, 66, 63, 64, 65, 62, 56, 53, 52, 45,
            29, 16, 7, 2, 0.3};
    /** CNI factors with the share of the listed (of the band group noted) a typical unit has. */
    private static final List<String> CNI = List.of("AGE_UNDER_5", "BORN_ABROAD", "ELDERLY_ALONE", "SINGLE_PARENT",
            "MOVED_IN", "UNEMPLOYED", "LOW_EDUCATION");

    private final GeneratorSettings settings;
    private final RegionShape region;

    ListingGenerator(GeneratorSettings settings, RegionShape region) {
        this.settings = requireNonNull(settings, "settings");
        this.region = requireNonNull(region, "region");
    }

    static String monthlyFileName(YearMonth month) {
        return "listning-" + month + ".csv";
    }

    /** One care-choice unit: its listed persons in the first month and its own shape. */
    private record ListingUnit(String id, String unitType, double listed, double tilt, double activeShare,
            double casemix, double[] cniShares) {}

    void generate(Path landing, ObjLongConsumer<Path> onFileWritten) {
        List<ListingUnit> units = units();
        int index = 0;
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            ExtractStyle style = ExtractStyle.values()[index++ % ExtractStyle.values().length];
            List<String[]> rows = new ArrayList<>();
            for (ListingUnit unit : units) {
                rows.addAll(unitMonth(unit, month));
            }
            Path file = landing.resolve("listings").resolve(monthlyFileName(month));
            onFileWritten.accept(file, write(file, style, month, rows));
        }
    }

    /** Every org unit with an ownership, once (its latest version decides the type). */
    private List<ListingUnit> units() {
        java.util.Map<String, OrgUnitVersion> byId = new java.util.LinkedHashMap<>();
        for (OrgUnitVersion unit : region.orgUnits()) {
            if (unit.ownership() != null) {
                byId.put(unit.unitId(), unit);
            }
        }
        List<ListingUnit> units = new ArrayList<>();
        for (OrgUnitVersion unit : byId.values()) {
            SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "listing", unit.unitId()));
            String type = unit.unitType() == null ? "VC" : unit.unitType();
            double size = switch (type) {
                case "BVC" -> 900 + 700 * random.nextDouble();
                case "BMM" -> 5000 + 3000 * random.nextDouble();
                default -> 6000 + 7000 * random.nextDouble();
            };
            size *= volumeFactor(unit.unitId());
            double[] cni = {
                0, // AGE_UNDER_5: exactly the listed 0-4
                0.06 + 0.16 * random.nextDouble(), // born abroad
                0.30 + 0.15 * random.nextDouble(), // of 65+: living alone
                0.02 + 0.02 * random.nextDouble(), // single parents
                0.07 + 0.05 * random.nextDouble(), // moved in
                0.05 + 0.09 * random.nextDouble(), // of 16–64: unemployed
                0.08 + 0.09 * random.nextDouble()}; // of 25–64: low education
            units.add(new ListingUnit(unit.unitId(), type, size, random.nextDouble() * 2 - 1,
                    0.55 + 0.25 * random.nextDouble(), 0.9 + 0.2 * random.nextDouble(), cni));
        }
        return units;
    }

    /**
     * How much bigger than a demo unit a unit is: a cost centre made from a demo VC has its own volume factor
     * (1 in the demo); a private unit, which is no cost centre of the region, grows with the region.
     */
    private double volumeFactor(String unitId) {
        return region.costCentres().stream().filter(c -> c.id().equals(unitId)).mapToDouble(CostCentre::volumeFactor)
                .findFirst().orElse(region.scale().sizeFactor());
    }

    private List<String[]> unitMonth(ListingUnit unit, YearMonth month) {
        long months = java.time.temporal.ChronoUnit.MONTHS.between(settings.firstMonth(), month);
        SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "listing", unit.id(),
                month.toString()));
        double total = unit.listed() * Math.pow(1.0015, months) * (1 + (random.nextDouble() * 2 - 1) * 0.002);
        double[] shares = new double[BANDS.size()];
        double sum = 0;
        for (int b = 0; b < BANDS.size(); b++) {
            int[] band = BANDS.get(b);
            double center = band[0] + 2;
            boolean inScope = switch (unit.unitType()) {
                case "BVC" -> band[0] < 10;
                case "BMM" -> band[0] >= 15 && band[0] < 50;
                default -> true;
            };
            shares[b] = inScope ? POPULATION[b] * Math.max(0.2, 1 + 0.3 * unit.tilt() * (center - 45) / 45) : 0;
            if (unit.unitType().equals("BVC") && band[0] == 5) {
                shares[b] *= 0.4; // 5- and 6-year-olds only
            }
            sum += shares[b];
        }
        List<String[]> rows = new ArrayList<>();
        long listed = 0;
        long under5 = 0;
        long over65 = 0;
        long working = 0;
        long midAge = 0;
        double acg = 0;
        for (int b = 0; b < BANDS.size(); b++) {
            if (shares[b] == 0) {
                continue;
            }
            int[] band = BANDS.get(b);
            double women = womenShare(band[0]);
            if (unit.unitType().equals("BMM")) {
                women = 1.0;
            }
            long k = Math.round(total * shares[b] / sum * women);
            long m = Math.round(total * shares[b] / sum * (1 - women));
            String label = band[1] < 0 ? band[0] + "-" : band[0] + "-" + band[1];
            rows.add(new String[] {unit.id(), "LISTED", "K", label, Long.toString(k)});
            if (!unit.unitType().equals("BMM")) {
                rows.add(new String[] {unit.id(), "LISTED", "M", label, Long.toString(m)});
            } else {
                m = 0;
            }
            long count = k + m;
            listed += count;
            under5 += band[0] == 0 ? count : 0;
            over65 += band[0] >= 65 ? count : 0;
            working += band[0] >= 15 && band[0] < 65 ? count : 0;
            midAge += band[0] >= 25 && band[0] < 65 ? count : 0;
            double center = band[0] + 2;
            acg += count * (0.55 + 0.0009 * Math.pow(center, 1.6)) * unit.casemix();
        }
        long active = Math.round(listed * unit.activeShare() * (1 + (random.nextDouble() * 2 - 1) * 0.01));
        rows.add(new String[] {unit.id(), "ACTIVE_LISTED", "", "", Long.toString(active)});
        if (unit.unitType().equals("VC")) {
            rows.add(new String[] {unit.id(), "ACG_POINTS", "", "",
                    BigDecimal.valueOf(acg).setScale(4, RoundingMode.HALF_EVEN).toPlainString()});
            double[] c = unit.cniShares();
            long[] counts = {under5, Math.round(listed * c[1]), Math.round(over65 * c[2]), Math.round(listed * c[3]),
                    Math.round(listed * c[4]), Math.round(working * c[5]), Math.round(midAge * c[6])};
            for (int i = 0; i < CNI.size(); i++) {
                rows.add(new String[] {unit.id(), "CNI_" + CNI.get(i), "", "", Long.toString(counts[i])});
            }
        }
        return rows;
    }

    /** Women's share of a band: even among the young, more among the old. */
    private static double womenShare(int from) {
        if (from < 20) {
            return 0.487;
        }
        if (from < 65) {
            return 0.493;
        }
        if (from < 80) {
            return 0.52;
        }
        return from < 90 ? 0.6 : 0.72;
    }

    private long write(Path file, ExtractStyle style, YearMonth month, List<String[]> rows) {
        String d = style.delimiter;
        try (ExtractOutput out = ExtractOutput.open(file, style.charset, style.bom)) {
            out.append(String.join(d, style.swedishHeader
                    ? List.of("Månad", "Enhet", "Mått", "Kön", "Åldersgrupp", "Antal")
                    : List.of("period", "unit", "measure", "gender", "age_band", "quantity"))).endLine(style.newline);
            String period = style.period(month.getYear(), month.getMonthValue());
            for (String[] r : rows) {
                // The Swedish exports write the bands as the rate tables do: 05-09, >=100.
                String band = style.swedishHeader ? swedishBand(r[3]) : r[3];
                String quantity = d.equals(",") ? r[4] : r[4].replace('.', ',');
                out.append(period).append(d).append(r[0]).append(d).append(r[1]).append(d).append(r[2]).append(d)
                        .append(band).append(d).append(quantity).endRow(style.newline);
            }
            return out.rows();
        }
    }

    private static String swedishBand(String band) {
        if (band.isEmpty()) {
            return band;
        }
        String[] parts = band.split("-", -1);
        if (parts[1].isEmpty()) {
            return ">=" + parts[0];
        }
        return String.format("%02d-%02d", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private static List<int[]> bands() {
        List<int[]> bands = new ArrayList<>();
        for (int from = 0; from < 100; from += 5) {
            bands.add(new int[] {from, from + 4});
        }
        bands.add(new int[] {100, -1});
        return List.copyOf(bands);
    }
}
