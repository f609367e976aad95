package se.nyckeltal.jobs.generate;

import java.time.YearMonth;
import java.util.List;

/**
 * The digital care providers the region pays for its residents' digital visits (seed
 * {@code dalarna-vardvalsberedning-2022-12.txt}: "Kostnad per vårdgivare / Antal kontakter per
 * vårdgivare"): booked as purchased care on Förvaltningsgemensamt's account 5010 with the provider as
 * counterpart, and reported as remote visits of Vårduppdrag with the same counterpart. Monthly costs are
 * the seed's January–September 2022 costs per month, at the demo's 2024 level; the price per contact
 * sets the contacts (the seed: 11.9 Mkr for 29 785 visits, ≈ 400 kr each).
 */
final class DigitalCare {
    /** Where the region books the invoices. */
    static final String LEDGER_TEMPLATE = "6040";
    static final String LEDGER_ACCOUNT = "5010";
    /** Where the contacts are followed up. */
    static final String PRODUCTION_TEMPLATE = "6020";

    /**
     * @param counterpart the id ledger and production share
     * @param monthlyCost kr per month in 2024 for a region of the demo's size
     * @param pricePerContact kr per contact
     */
    record Provider(String counterpart, String contactType, double monthlyCost, double pricePerContact) {}

    static final List<Provider> PROVIDERS = List.of(
            new Provider("KRY", "DOCTOR_VISIT_REMOTE", 2_653_300 / 9.0, 430),
            new Provider("MINDOKTOR", "DOCTOR_VISIT_REMOTE", 1_717_700 / 9.0, 430),
            new Provider("JOINTACADEMY", "OTHER_VISIT_REMOTE", 1_120_125 / 9.0, 260),
            new Provider("DOKTOR24", "DOCTOR_VISIT_REMOTE", 1_702_200 / 9.0, 450),
            new Provider("DOKTORSE", "DOCTOR_VISIT_REMOTE", 2_992_875 / 9.0, 420),
            new Provider("PRATAMERA", "OTHER_VISIT_REMOTE", 371_000 / 9.0, 780),
            new Provider("MENDLY", "OTHER_VISIT_REMOTE", 288_575 / 9.0, 800),
            new Provider("BLODTRYCKSDOKTORN", "OTHER_VISIT_REMOTE", 456_250 / 9.0, 310),
            new Provider("INNOVDR", "DOCTOR_VISIT_REMOTE", 553_700 / 9.0, 450));

    private DigitalCare() {}

    /** The expected cost of a month: digital care grows 12 % a year, less in the summer. */
    static double expectedCost(Provider provider, YearMonth month, double size) {
        double years = month.getYear() - 2024 + (month.getMonthValue() - 1) / 12.0;
        double seasonal = switch (month.getMonthValue()) {
            case 7 -> 0.75;
            case 6, 8 -> 0.9;
            default -> 1.0;
        };
        return provider.monthlyCost() * size * Math.pow(1.12, years) * seasonal;
    }
}
