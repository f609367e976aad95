package se.nyckeltal.jobs.load;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * A small production landing zone whose KPIs are worked out by hand in {@link ProductionEndToEndTest}.
 *
 * <p>Org structure (reference/org_units.csv): U1 Kirurgen in area A; U2 VC Norr in A until
 * 2024-12-31, in B from 2025-01-01; U3 Medicin in B. Contact types (reference/contact_types.csv):
 * DOCTOR_VISIT weighs 1.0, but 1.2 in 2025; DISCHARGE_SOMATIC 4.0; bed days, beds and DRG points are
 * not weighted. GRUPPBESÖK is not a contact type (UNMAPPED).
 *
 * <pre>
 * ACTUAL          unit provider             contact type        2024-01 2024-02 2024-12  2025-01 2025-02
 *                 U1   OWN                  DOCTOR_VISIT             70      75      60       80      90
 *                 U1   OWN                  DRG_POINTS                              150.5     70.5
 *                 U1   OWN                  DISCHARGE_SOMATIC                         5        6
 *                 U1   OWN                  BED_DAYS_SOMATIC                         25       18
 *                 U1   OWN                  OCCUPIED_BEDS_0600                                550
 *                 U1   OWN                  AVAILABLE_BEDS                                    620
 *                 U1   PRIVATE_PROVIDER     DOCTOR_VISIT                                        5
 *                 U2   REGION_PRIMARY_CARE  DOCTOR_VISIT                             40       50      55
 *                 U3   OWN                  DISCHARGE_SOMATIC                                   4
 *                 U3   OWN                  BED_DAYS_SOMATIC                                   30
 *                 U3   OWN                  OCCUPIED_BEDS_0600                                280
 *                 U3   OWN                  AVAILABLE_BEDS                                    310
 *                 U3   OWN                  GRUPPBESÖK                                          3
 * BUDGET 2025     U1   OWN                  DOCTOR_VISIT        85 every month (full year 1 020)
 *                 U1   PRIVATE_PROVIDER     DOCTOR_VISIT        4 in January and in February
 * FORECAST 2025   U1   OWN                  DOCTOR_VISIT        1 000 (one row, December)
 * </pre>
 * Each file has other export quirks: comma-separated with quotes, tab-separated daily rows with a BOM,
 * Windows-1252 with Swedish headers and provider names, canonical UTF-8.
 */
final class ProductionLandingFixtures {
    static final String CONTACT_TYPES = String.join("\n",
            "contact_type;name;category;weight;year",
            "DOCTOR_VISIT;Läkarbesök;VISIT;1,0;",
            "DOCTOR_VISIT;Läkarbesök;VISIT;1,2;2025",
            "DISCHARGE_SOMATIC;Vårdtillfällen - somatik (utskrivna);INPATIENT;4,0;",
            "BED_DAYS_SOMATIC;Vårddagar - somatik exkl perm (utskrivna);INPATIENT;;",
            "OCCUPIED_BEDS_0600;Belagda vårdplatser kl 06:00;BEDS;;",
            "AVAILABLE_BEDS;Disponibla vårdplatser;BEDS;;",
            "DRG_POINTS;DRG-poäng;DRG;;",
            "");

    private ProductionLandingFixtures() {}

    static void write(Path landing) throws IOException {
        write(landing.resolve("reference/org_units.csv"), StandardCharsets.UTF_8, String.join("\n",
                "unit_id;unit_name;area_id;area_name;valid_from;valid_to",
                "U1;Kirurgen;A;Område A;2020-01-01;",
                "U2;VC Norr;A;Område A;2020-01-01;2024-12-31",
                "U2;VC Norr;B;Område B;2025-01-01;",
                "U3;Medicin;B;Område B;2020-01-01;",
                ""));
        write(landing.resolve("reference/contact_types.csv"), StandardCharsets.UTF_8, CONTACT_TYPES);
        ReferenceFixtures.writeShipped(landing, ReferenceData.ACCOUNTS); // a load needs one; production uses none of it
        // Comma-separated, quoted, decimal dots.
        write(landing.resolve("production/produktion-2024-01.csv"), StandardCharsets.UTF_8, String.join("\r\n",
                "period,unit,contact_type,volume",
                "\"202401\",\"U1\",\"DOCTOR_VISIT\",\"70.0\"",
                ""));
        write(landing.resolve("production/produktion-2024-02.csv"), StandardCharsets.UTF_8, String.join("\r\n",
                "period,unit,contact_type,volume",
                "202402,U1,DOCTOR_VISIT,75",
                ""));
        // UTF-8 with BOM, tab-separated, daily rows (summed to December), decimal comma.
        write(landing.resolve("production/produktion-2024-12.tsv"), StandardCharsets.UTF_8, "\uFEFF" + String.join("\n",
                "Datum\tEnhet\tVårdgivartyp\tKontakttyp\tAntal",
                "2024-12-02\tU1\tEgen\tDOCTOR_VISIT\t10",
                "2024-12-03\tU1\tEgen\tDOCTOR_VISIT\t20",
                "2024-12-30\tU1\tEgen\tDOCTOR_VISIT\t30",
                "2024-12-02\tU1\tEgen\tDRG_POINTS\t100,25",
                "2024-12-30\tU1\tEgen\tDRG_POINTS\t50,25",
                "2024-12-10\tU1\tEgen\tDISCHARGE_SOMATIC\t3",
                "2024-12-20\tU1\tEgen\tDISCHARGE_SOMATIC\t2",
                "2024-12-10\tU1\tEgen\tBED_DAYS_SOMATIC\t15",
                "2024-12-20\tU1\tEgen\tBED_DAYS_SOMATIC\t10",
                "2024-12-05\tU2\tRegiondriven\tDOCTOR_VISIT\t40",
                ""));
        // Windows-1252, Swedish header and provider names, CRLF.
        write(landing.resolve("production/produktion-2025-01.csv"), Charset.forName("windows-1252"), String.join("\r\n",
                "Månad;Enhet;Vårdgivartyp;Kontakttyp;Antal;Typ",
                "2025-01;U1;Egen;DOCTOR_VISIT;80;UTFALL",
                "2025-01;U1;Privat vårdgivare;DOCTOR_VISIT;5;UTFALL",
                "2025-01;U1;Egen;DRG_POINTS;70,5;UTFALL",
                "2025-01;U1;Egen;DISCHARGE_SOMATIC;6;UTFALL",
                "2025-01;U1;Egen;BED_DAYS_SOMATIC;18;UTFALL",
                "2025-01;U1;Egen;OCCUPIED_BEDS_0600;550;UTFALL",
                "2025-01;U1;Egen;AVAILABLE_BEDS;620;UTFALL",
                "2025-01;U2;Regiondriven;DOCTOR_VISIT;50;UTFALL",
                "2025-01;U3;Egen;DISCHARGE_SOMATIC;4;UTFALL",
                "2025-01;U3;Egen;BED_DAYS_SOMATIC;30;UTFALL",
                "2025-01;U3;Egen;OCCUPIED_BEDS_0600;280;UTFALL",
                "2025-01;U3;Egen;AVAILABLE_BEDS;310;UTFALL",
                "2025-01;U3;Egen;GRUPPBESÖK;3;UTFALL",
                ""));
        // Canonical UTF-8; February has no DRG points yet (they arrive a month late).
        write(landing.resolve("production/produktion-2025-02.csv"), StandardCharsets.UTF_8, String.join("\n",
                "period;unit;provider;contact_type;volume;scenario",
                "202502;U1;OWN;DOCTOR_VISIT;90;ACTUAL",
                "202502;U2;REGION_PRIMARY_CARE;DOCTOR_VISIT;55;ACTUAL",
                ""));
        StringBuilder budget = new StringBuilder("period;unit;provider;contact_type;volume;scenario\n");
        for (int month = 1; month <= 12; month++) {
            budget.append(String.format("2025%02d;U1;OWN;DOCTOR_VISIT;85;BUDGET%n", month));
        }
        budget.append("202501;U1;PRIVATE_PROVIDER;DOCTOR_VISIT;4;BUDGET\n202502;U1;PRIVATE_PROVIDER;DOCTOR_VISIT;4;BUDGET\n");
        write(landing.resolve("production/produktion-budget-2025.csv"), StandardCharsets.UTF_8, budget.toString());
        write(landing.resolve("production/produktion-prognos-2025.csv"), StandardCharsets.UTF_8,
                "period;unit;contact_type;volume;scenario\n202512;U1;DOCTOR_VISIT;1000;PROGNOS\n");
    }

    static void write(Path file, Charset charset, String text) throws IOException {
        LedgerLandingFixtures.write(file, charset, text);
    }
}
