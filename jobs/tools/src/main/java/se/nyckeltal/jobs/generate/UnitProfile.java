package se.nyckeltal.jobs.generate;

import java.util.List;

/**
 * The economic shape of a demo unit: which accounts it books on and how big it is. Monthly
 * amounts are in kronor for a unit of size 1 (about 70 employees) in 2024.
 *
 * @param allocationShare how much of the budget gap the regional allocation covers (1 = all)
 */
record UnitProfile(double size, String activity, double allocationShare, List<Line> lines) {

    /** One account the unit books on; revenue lines are booked with a minus sign. */
    record Line(String account, double monthly, boolean revenue, boolean agency, String counterpart) {
        static Line cost(String account, double monthly) {
            return new Line(account, monthly, false, false, "");
        }

        static Line agencyCost(String account, double monthly) {
            return new Line(account, monthly, false, true, "");
        }

        static Line revenue(String account, double monthly, String counterpart) {
            return new Line(account, monthly, true, false, counterpart);
        }
    }

    private static final List<Line> PERSONNEL = List.of(
            Line.cost("4010", 2_900_000),   // månadslöner
            Line.cost("4110", 95_000),      // övertid/mertid
            Line.cost("4210", 1_330_000),   // sociala avgifter och pension
            Line.cost("4810", 60_000));     // utbildning och övriga personalkostnader

    static UnitProfile of(String unitId) {
        int code = Integer.parseInt(unitId);
        if (code >= 1010 && code <= 1100) {
            // Specialist somatic care: drugs, material, agency doctors and nurses, patient fees.
            return new UnitProfile(1.2 + (code % 50) / 40.0, "SOMATIK", 1.0, join(PERSONNEL, List.of(
                    Line.agencyCost("4710", 140_000), Line.agencyCost("4720", 110_000),
                    Line.cost("5010", 180_000), Line.cost("5310", 520_000), Line.cost("5410", 25_000),
                    Line.cost("5510", 610_000), Line.cost("5610", 330_000), Line.cost("6010", 390_000),
                    Line.cost("6510", 280_000),
                    Line.revenue("3010", 75_000, ""), Line.revenue("3110", 160_000, "REGION"),
                    Line.revenue("3510", 90_000, ""))));
        }
        if (code >= 2010 && code <= 2050) {
            // Vårdcentraler: agency doctors, purchased care, patient fees.
            return new UnitProfile(0.55 + (code % 40) / 100.0, "PRIMARVARD", 1.0, join(PERSONNEL, List.of(
                    Line.agencyCost("4710", 120_000), Line.cost("5010", 210_000), Line.cost("5310", 60_000),
                    Line.cost("5510", 160_000), Line.cost("5610", 120_000), Line.cost("6010", 210_000),
                    Line.cost("6510", 90_000),
                    Line.revenue("3010", 55_000, ""), Line.revenue("3110", 80_000, "REGION"),
                    Line.revenue("3510", 30_000, ""))));
        }
        if (code == 2110) {
            // Hjälpmedelscentrum: buys assistive devices and sells them on.
            return new UnitProfile(0.5, "HJALPMEDEL", 1.0, join(PERSONNEL, List.of(
                    Line.cost("5410", 1_400_000), Line.cost("5510", 90_000), Line.cost("6010", 160_000),
                    Line.revenue("3310", 1_250_000, "INTERN"))));
        }
        if (code >= 2060 && code <= 2120) {
            // Psychiatry, rehabilitation, geriatrics, eye clinic.
            String activity = code >= 2080 && code <= 2100 ? "PSYKIATRI" : "SOMATIK";
            return new UnitProfile(0.8 + (code % 30) / 60.0, activity, 1.0, join(PERSONNEL, List.of(
                    Line.agencyCost("4710", 90_000), Line.agencyCost("4720", 40_000),
                    Line.cost("5010", 90_000), Line.cost("5310", 140_000), Line.cost("5510", 170_000),
                    Line.cost("5610", 140_000), Line.cost("6010", 230_000), Line.cost("6510", 110_000),
                    Line.revenue("3010", 25_000, ""), Line.revenue("3510", 40_000, ""))));
        }
        if (code >= 3010 && code <= 3060) {
            // Diagnostics: sells analyses and imaging to the clinics.
            return new UnitProfile(0.7 + (code % 60) / 100.0, "DIAGNOSTIK", 1.0, join(PERSONNEL, List.of(
                    Line.cost("5510", 820_000), Line.cost("5610", 210_000), Line.cost("6010", 250_000),
                    Line.cost("6510", 120_000),
                    Line.revenue("3310", 2_600_000, "INTERN"), Line.revenue("3510", 40_000, ""))));
        }
        if (code == 6040) {
            // Förvaltningsgemensamt: common costs and purchased care; carries the unfunded gap.
            return new UnitProfile(1.0, "LEDNING", 0.9, List.of(
                    Line.cost("4210", 450_000), Line.cost("5010", 6_500_000), Line.cost("5610", 900_000),
                    Line.cost("6510", 700_000), Line.revenue("3510", 300_000, "")));
        }
        if (code == 6030) {
            // Resursenheten: the region's own staff pool.
            return new UnitProfile(0.6, "LEDNING", 1.0, join(PERSONNEL, List.of(
                    Line.cost("5610", 40_000), Line.cost("6010", 40_000),
                    Line.revenue("3310", 300_000, "INTERN"))));
        }
        // Staff units.
        return new UnitProfile(0.25 + (code % 40) / 100.0, "LEDNING", 1.0, join(PERSONNEL, List.of(
                Line.cost("5610", 260_000), Line.cost("6010", 110_000), Line.cost("6510", 90_000),
                Line.revenue("3510", 20_000, ""))));
    }

    /** The same shape at another size. */
    UnitProfile withSize(double newSize) {
        return new UnitProfile(newSize, activity, allocationShare, lines);
    }

    private static List<Line> join(List<Line> a, List<Line> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
