package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * Care choice (vårdval) from listing, ledger and production CSVs through LoadJob to the capitation KPIs and
 * views, against figures worked out by hand.
 *
 * <p>Units: V1 public VC in area N; V2 private VC, area N until 2024-12-31 and area S from 2025-01-01;
 * V3 a VC in area S without ownership; DV digital care (purchased from Kry, Min Doktor, …) in area N.
 * Rates (kr per month) — 2024 public / private, 2025 public / private:
 * <pre>
 *   AGE_SEX K:0-49   100 / 110   120 / 130        ACG per point        10 / 12   11 / 13
 *   AGE_SEX M:0-49    80 /  90   100 / 100        CNI UNEMPLOYED       50 / 60   55 / 65
 *   AGE_SEX K:50-    200 / 220   240 / 250        ACTIVE_LISTED         5 /  6    6 /  7
 *   AGE_SEX M:50-    150 / 160   180 / 190
 * </pre>
 * Listings (K 0-49, M 0-49, K 50-, M 50- | active | ACG | CNI_UNEMPLOYED) and the capitation they earn:
 * <pre>
 *   V1 202312  10, –, –, –                     2023 has no rates: no capitation (a finding)
 *   V1 202401 100, 100, 50, 50                 AGE_SEX 10000 + 8000 + 10000 + 7500 = 35500
 *   V1 202412 100, 100, 50, 50 | 200 | 300 | 10   35500 + 3000 + 500 + 1000 = 40000
 *   V1 202501 100, 100, 50, 50 | 210 | 330 | 10   12000 + 10000 + 12000 + 9000 = 43000; 3630; 550; 1260 = 48440
 *   V1 202502 110, 100, 50, 40 | 220 | 300 | 12   13200 + 10000 + 12000 + 7200 = 42400; 3300; 660; 1320 = 47680
 *   V2 202401  40, 40, 20, 20                  4400 + 3600 + 4400 + 3200 = 15600
 *   V2 202412  50, 50, 25, 25 | 100 | 150 | 5     5500 + 4500 + 5500 + 4000 = 19500; 1800; 300; 600 = 22200
 *   V2 202501  50, 50, 25, 25 | 100 | 180 | 5     6500 + 5000 + 6250 + 4750 = 22500; 2340; 325; 700 = 25865
 *              + CNI_NYFAKTOR 3 (no rate: CNI_UNMAPPED, earns nothing, a finding)
 *   V2 202502  60, 50, 30, 40 | 120 | 180 | 6     7800 + 5000 + 7500 + 7600 = 27900; 2340; 390; 840 = 31470
 *   V3 202501  10, 10, –, – | 5                no ownership: no capitation (a finding)
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class VardvalEndToEndTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path tmp;

    private Path landing;
    private Path warehouse;

    @BeforeEach
    void landing() throws IOException {
        landing = tmp.resolve("landing");
        warehouse = tmp.resolve("warehouse");
        ReferenceFixtures.writeShipped(landing, ReferenceData.ACCOUNTS); // a load needs the region's accounts
        write("reference/org_units.csv", """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership;unit_type
                V1;VC Norr;N;Norr;2020-01-01;;PUBLIC;VC
                V2;VC Syd;N;Norr;2020-01-01;2024-12-31;PRIVATE;VC
                V2;VC Syd;S;Syd;2025-01-01;;PRIVATE;VC
                V3;VC Öst;S;Syd;2020-01-01;;;VC
                DV;Digital vård;N;Norr;2020-01-01;;;
                """);
        write("reference/capitation_rates.csv", """
                year;ownership;component;key;rate
                2024;PUBLIC;AGE_SEX;K:0-49;100
                2024;PUBLIC;AGE_SEX;M:0-49;80
                2024;PUBLIC;AGE_SEX;K:50-;200
                2024;PUBLIC;AGE_SEX;M:50-;150
                2024;PUBLIC;ACG;;10
                2024;PUBLIC;CNI;UNEMPLOYED;50
                2024;PUBLIC;ACTIVE_LISTED;;5
                2024;PRIVATE;AGE_SEX;K:0-49;110
                2024;PRIVATE;AGE_SEX;M:0-49;90
                2024;PRIVATE;AGE_SEX;K:50-;220
                2024;PRIVATE;AGE_SEX;M:50-;160
                2024;PRIVATE;ACG;;12
                2024;PRIVATE;CNI;UNEMPLOYED;60
                2024;PRIVATE;ACTIVE_LISTED;;6
                2025;PUBLIC;AGE_SEX;K:0-49;120
                2025;PUBLIC;AGE_SEX;M:0-49;100
                2025;PUBLIC;AGE_SEX;K:50-;240
                2025;PUBLIC;AGE_SEX;M:50-;180
                2025;PUBLIC;ACG;;11
                2025;PUBLIC;CNI;UNEMPLOYED;55
                2025;PUBLIC;ACTIVE_LISTED;;6
                2025;PRIVATE;AGE_SEX;K:0-49;130
                2025;PRIVATE;AGE_SEX;M:0-49;100
                2025;PRIVATE;AGE_SEX;K:50-;250
                2025;PRIVATE;AGE_SEX;M:50-;190
                2025;PRIVATE;ACG;;13
                2025;PRIVATE;CNI;UNEMPLOYED;65
                2025;PRIVATE;ACTIVE_LISTED;;7
                """);
        write("listings/listning-2023-2024.csv", """
                period;unit;measure;gender;age_band;quantity
                202312;V1;LISTED;K;0-49;10
                202312;V1;LISTED;K;50-;0
                202401;V1;LISTED;K;0-49;100
                202401;V1;LISTED;M;0-49;100
                202401;V1;LISTED;K;50-;50
                202401;V1;LISTED;M;50-;50
                202401;V2;LISTED;K;0-49;40
                202401;V2;LISTED;M;0-49;40
                202401;V2;LISTED;K;50-;20
                202401;V2;LISTED;M;50-;20
                202412;V1;LISTED;K;0-49;100
                202412;V1;LISTED;M;0-49;100
                202412;V1;LISTED;K;50-;50
                202412;V1;LISTED;M;50-;50
                202412;V1;ACTIVE_LISTED;;;200
                202412;V1;ACG_POINTS;;;300
                202412;V1;CNI_UNEMPLOYED;;;10
                202412;V2;LISTED;K;0-49;50
                202412;V2;LISTED;M;0-49;50
                202412;V2;LISTED;K;50-;25
                202412;V2;LISTED;M;50-;25
                202412;V2;ACTIVE_LISTED;;;100
                202412;V2;ACG_POINTS;;;150
                202412;V2;CNI_UNEMPLOYED;;;5
                """, StandardCharsets.UTF_8);
        write("listings/listning-2025-01.csv", String.join("\r\n",
                "Månad;Enhet;Mått;Kön;Åldersgrupp;Antal",
                "2025-01;V1;LISTED;K;0-49;100", "2025-01;V1;LISTED;M;0-49;100",
                "2025-01;V1;LISTED;K;50-;50", "2025-01;V1;LISTED;M;50-;50",
                "2025-01;V1;ACTIVE_LISTED;;;210", "2025-01;V1;ACG_POINTS;;;330", "2025-01;V1;CNI_UNEMPLOYED;;;10",
                "2025-01;V2;LISTED;K;0-49;50", "2025-01;V2;LISTED;M;0-49;50",
                "2025-01;V2;LISTED;K;50-;25", "2025-01;V2;LISTED;M;50-;25",
                "2025-01;V2;ACTIVE_LISTED;;;100", "2025-01;V2;ACG_POINTS;;;180", "2025-01;V2;CNI_UNEMPLOYED;;;5",
                "2025-01;V2;CNI_NYFAKTOR;;;3",
                "2025-01;V3;LISTED;K;0-49;10", "2025-01;V3;LISTED;M;0-49;10", "2025-01;V3;ACTIVE_LISTED;;;5",
                ""), WINDOWS_1252);
        write("listings/listning-2025-02.csv", listings202502("110"), StandardCharsets.UTF_8);
        // Digital care: costs per provider organisation (counterpart) and their contacts
        write("ledger/digital.csv", """
                period;cost_center;account;counterpart;scenario;amount
                202401;DV;5010;KRY;ACTUAL;800
                202501;DV;5010;KRY;ACTUAL;1000
                202501;DV;5010;MINDOKTOR;ACTUAL;500
                202501;DV;5010;JOINT;ACTUAL;300
                202501;DV;5010;;BUDGET;2000
                202502;DV;5010;KRY;ACTUAL;1200
                202502;DV;5010;;BUDGET;2000
                """, StandardCharsets.UTF_8);
        write("production/digital.csv", """
                period;unit;provider;counterpart;contact_type;volume
                202401;DV;PRIVATE_PROVIDER;KRY;DOCTOR_VISIT_REMOTE;90
                202501;DV;PRIVATE_PROVIDER;KRY;DOCTOR_VISIT_REMOTE;100
                202501;DV;PRIVATE_PROVIDER;MINDOKTOR;DOCTOR_VISIT_REMOTE;40
                202501;DV;PRIVATE_PROVIDER;MINDOKTOR;OTHER_VISIT_REMOTE;10
                202501;DV;PRIVATE_PROVIDER;BLODTRYCK;DOCTOR_VISIT_REMOTE;5
                202502;DV;PRIVATE_PROVIDER;KRY;DOCTOR_VISIT_REMOTE;120
                202502;DV;PRIVATE_PROVIDER;KRY;VACCINATION;7
                """, StandardCharsets.UTF_8);
    }

    private static String listings202502(String v1Women049) {
        return String.join("\n", "period;unit;measure;gender;age_band;quantity",
                "202502;V1;LISTED;K;0-49;" + v1Women049, "202502;V1;LISTED;M;0-49;100",
                "202502;V1;LISTED;K;50-;50", "202502;V1;LISTED;M;50-;40",
                "202502;V1;ACTIVE_LISTED;;;220", "202502;V1;ACG_POINTS;;;300", "202502;V1;CNI_UNEMPLOYED;;;12",
                "202502;V2;LISTED;K;0-49;60", "202502;V2;LISTED;M;0-49;50",
                "202502;V2;LISTED;K;50-;30", "202502;V2;LISTED;M;50-;40",
                "202502;V2;ACTIVE_LISTED;;;120", "202502;V2;ACG_POINTS;;;180", "202502;V2;CNI_UNEMPLOYED;;;6",
                "");
    }

    @Test
    void capitationPublicAndPrivateOverAYearChangeOfRates() throws Exception {
        LoadRecord record = load();
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(record.files()).filteredOn(f -> f.source().equals("listings")).hasSize(3).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FileOutcome.Status.LOADED);
            assertThat(f.reconciled()).isTrue();
        });

        String month = "time_window = 'month' AND org_level = 'ownership'";
        // December 2024 on 2024's rates: public 40000 ÷ 300 listed = 133.33; private 22200 ÷ 150 = 148
        assertThat(kpi("capitation", 202412, month + " AND org_id = 'PUBLIC'")).isEqualTo("40000|null");
        assertThat(kpi("capitation_per_listed", 202412, month + " AND org_id = 'PUBLIC'")).isEqualTo("133.333333|null");
        assertThat(kpi("capitation_per_listed", 202412, month + " AND org_id = 'PRIVATE'")).isEqualTo("148|null");
        // January 2025 on 2025's rates, against January 2024 (listed only: 35500 ÷ 300, 15600 ÷ 120):
        // public 48440 ÷ 300 = 161.466667 vs 118.333333; private 25865 ÷ 150 = 172.433333 vs 130
        assertThat(kpi("capitation_per_listed", 202501, month + " AND org_id = 'PUBLIC'"))
                .isEqualTo("161.466667|118.333333");
        assertThat(kpi("capitation_per_listed", 202501, month + " AND org_id = 'PRIVATE'"))
                .isEqualTo("172.433333|130");
        // from the published six-decimal values: (161.466667 − 118.333333) ÷ 118.333333 × 100 = 36.450705 %;
        // (172.433333 − 130) ÷ 130 × 100 = 32.641025 %
        assertThat(query("SELECT org_id, deviation_previous_year_pct FROM kpi.kpi_values WHERE kpi_id ="
                + " 'capitation_per_listed' AND period = 202501 AND " + month + " ORDER BY org_id"))
                .containsExactly("PRIVATE,32.641025", "PUBLIC,36.450705");

        // The seed's table in one query: per component and ownership, ytd February 2025
        // public: AGE_SEX 43000 + 42400, ACG 3630 + 3300, CNI 550 + 660, active 1260 + 1320 = 96120 over 600
        // listed months; private: 22500 + 27900, 2340 + 2340, 325 + 390, 700 + 840 = 57335 over 330
        assertThat(query("SELECT kpi_id, org_id, value FROM kpi.kpi_values WHERE kpi_id LIKE 'capitation%'"
                + " AND period = 202502 AND time_window = 'ytd' AND org_level = 'ownership' ORDER BY kpi_id, org_id"))
                .containsExactly(
                        "capitation,PRIVATE,57335.000000", "capitation,PUBLIC,96120.000000",
                        "capitation.ACG,PRIVATE,4680.000000", "capitation.ACG,PUBLIC,6930.000000",
                        "capitation.ACTIVE_LISTED,PRIVATE,1540.000000", "capitation.ACTIVE_LISTED,PUBLIC,2580.000000",
                        "capitation.AGE_SEX,PRIVATE,50400.000000", "capitation.AGE_SEX,PUBLIC,85400.000000",
                        "capitation.CNI,PRIVATE,715.000000", "capitation.CNI,PUBLIC,1210.000000",
                        "capitation_per_listed,PRIVATE,173.742424", "capitation_per_listed,PUBLIC,160.200000");

        // The wide view per vårdcentral: V1 ytd February 2025
        assertThat(query("SELECT ownership, unit_type, listed, capitation_age_sex, capitation_acg, capitation_cni,"
                + " capitation_active_listed, capitation, capitation_per_listed, acg_casemix, previous_year_listed"
                + " FROM kpi.capitation WHERE period = 202502 AND time_window = 'ytd' AND org_level = 'unit'"
                + " AND org_id = 'V1'")).containsExactly("PUBLIC,VC,300.000000,85400.000000,6930.000000,1210.000000,"
                + "2580.000000,96120.000000,160.200000,1.050000,300.000000");
    }

    @Test
    void listedIsAMeanOfTheMonthsAndRollsUpLikeForLike() throws Exception {
        load();
        // V2 ytd December 2024: listings in January (120) and December (150): (120 + 150) ÷ 2 = 135, not 270
        assertThat(kpi("listed", 202412, "time_window = 'ytd' AND org_level = 'unit' AND org_id = 'V2'"))
                .isEqualTo("135|null");
        // V1 ytd February 2025: (300 + 300) ÷ 2 = 300; last year only January 2024 had listings: 300
        assertThat(kpi("listed", 202502, "time_window = 'ytd' AND org_level = 'unit' AND org_id = 'V1'"))
                .isEqualTo("300|300");
        // V2 moved from N to S on 2025-01-01. In January 2025 area S is V2 150 + V3 20 = 170, and its previous
        // year is V2's January 2024 (120), counted in S although V2 was in N then; N is V1 alone (300 / 300).
        assertThat(kpi("listed", 202501, "time_window = 'month' AND org_level = 'area' AND org_id = 'S'"))
                .isEqualTo("170|120");
        assertThat(kpi("listed", 202501, "time_window = 'month' AND org_level = 'area' AND org_id = 'N'"))
                .isEqualTo("300|300");
        // December 2024 (structure of 2024): N holds V1 and V2: 300 + 150; a year earlier V1's 10
        assertThat(kpi("listed", 202412, "time_window = 'month' AND org_level = 'area' AND org_id = 'N'"))
                .isEqualTo("450|10");
        // S's capitation per listed counts V2 only (V3 has no ownership): 25865 ÷ 150; the total 74305 ÷ 450
        // against January 2024's (35500 + 15600) ÷ (300 + 120) = 121.666667
        assertThat(kpi("capitation_per_listed", 202501, "time_window = 'month' AND org_level = 'area' AND org_id = 'S'"))
                .isEqualTo("172.433333|130");
        assertThat(kpi("capitation_per_listed", 202501, "time_window = 'month' AND org_level = 'total'"))
                .isEqualTo("165.122222|121.666667");
        // V3 has listings but no capitation row at all: not a silent zero (listed in January, ytd January and
        // ytd February)
        assertThat(query("SELECT kpi_id FROM kpi.kpi_values WHERE org_level = 'unit' AND org_id = 'V3' ORDER BY kpi_id"))
                .containsExactly("listed", "listed", "listed");
        // ACG case-mix, V1 ytd February 2025: (330 + 300) ÷ (300 + 300) = 1.05
        assertThat(kpi("acg_casemix", 202502, "time_window = 'ytd' AND org_level = 'unit' AND org_id = 'V1'"))
                .isEqualTo("1.05|null");
        // The pyramid: V2 (the only private unit) February 2025, women 0-49: 60 of 180 = 33.33 %, 130 kr (110 in 2024)
        assertThat(query("SELECT age_band, gender, listed, share_of_total_pct, rate_private, previous_year_rate_private"
                + " FROM kpi.listing_pyramid WHERE period = 202502 AND org_level = 'ownership' AND org_id = 'PRIVATE'"
                + " ORDER BY age_from, gender")).containsExactly(
                "0-49,K,60.0000,33.333333,130.000000,110.000000", "0-49,M,50.0000,27.777778,100.000000,90.000000",
                "50-,K,30.0000,16.666667,250.000000,220.000000", "50-,M,40.0000,22.222222,190.000000,160.000000");
        // Findings: 2023 has no rates, V3 no ownership, NYFAKTOR no rate
        assertThat(query("SELECT check_id, subject, rows, amount FROM meta.data_quality WHERE source = 'listings'"
                + " ORDER BY check_id")).containsExactly(
                "capitation_rates_missing,2023 PUBLIC,2,10.0000",
                "listing_unit_without_ownership,V3,3,25.0000",
                "unmapped_cni_factor,CNI_NYFAKTOR,1,3.0000");
    }

    @Test
    void aRestatedListingMonthReplacesTheEarlierDelivery() throws Exception {
        load();
        // V1 February 2025: 300 listed, 47680 kr
        assertThat(kpi("capitation", 202502, "time_window = 'month' AND org_level = 'unit' AND org_id = 'V1'"))
                .isEqualTo("47680|null");

        // Re-delivered with 120 women 0-49 instead of 110: 310 listed, 47680 + 10 × 120 = 48880
        write("listings/listning-2025-02-rattad.csv", listings202502("120"), StandardCharsets.UTF_8);
        LoadRecord second = load();

        assertThat(second.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(kpi("capitation", 202502, "time_window = 'month' AND org_level = 'unit' AND org_id = 'V1'"))
                .isEqualTo("48880|null");
        // ytd: (300 + 310) ÷ 2 = 305 listed; 48440 + 48880 = 97320
        assertThat(kpi("listed", 202502, "time_window = 'ytd' AND org_level = 'unit' AND org_id = 'V1'"))
                .isEqualTo("305|300");
        assertThat(kpi("capitation", 202502, "time_window = 'ytd' AND org_level = 'unit' AND org_id = 'V1'"))
                .isEqualTo("97320|35500");
        assertThat(query("SELECT DISTINCT source_file FROM fact.listings WHERE period = 202502"))
                .containsExactly("listings/listning-2025-02-rattad.csv");
    }

    @Test
    void providerCostsMatchCostsAndContactsByCounterpart() throws Exception {
        load();
        // January 2025: Kry 1000 kr / 100 contacts; Min Doktor 500 / (40 + 10); Joint Academy cost without
        // contacts; Blodtrycksdoktorn contacts without cost. Kry a year earlier: 800 / 90 = 8.888889
        assertThat(query("SELECT counterpart, cost, contacts, cost_per_contact, previous_year_cost,"
                + " previous_year_contacts, previous_year_cost_per_contact FROM kpi.provider_costs"
                + " WHERE period = 202501 AND time_window = 'month' ORDER BY counterpart")).containsExactly(
                "BLODTRYCK,,5.0000,,,,",
                "JOINT,300.00,,,,,",
                "KRY,1000.00,100.0000,10.000000,800.00,90.0000,8.888889",
                "MINDOKTOR,500.00,50.0000,10.000000,,,");
        // ytd February: Kry 1000 + 1200 over 100 + 120 (the vaccinations are not visits)
        assertThat(query("SELECT cost, contacts, cost_per_contact FROM kpi.provider_costs WHERE period = 202502"
                + " AND time_window = 'ytd' AND counterpart = 'KRY'")).containsExactly("2200.00,220.0000,10.000000");

        // Compensation against budget per month (costs negative): −1800 vs −2000, −1200 vs −2000; accumulated
        // −3000 vs −4000, +1000 better than budget
        assertThat(query("SELECT month, actual, budget, deviation, actual_accumulated, budget_accumulated,"
                + " deviation_accumulated FROM kpi.monthly_budget_follow_up WHERE year = 2025 AND org_level = 'unit'"
                + " AND org_id = 'DV' AND line_id = 'K20' ORDER BY month")).containsExactly(
                "1,-1800.00,-2000.00,200.00,-1800.00,-2000.00,200.00",
                "2,-1200.00,-2000.00,800.00,-3000.00,-4000.00,1000.00");

        // Five years side by side: remote doctor visits from private providers, Jan–Feb 2025 vs Jan–Feb 2024
        assertThat(query("SELECT ytd, ytd_1_year_earlier, ytd_2_years_earlier FROM kpi.production_years"
                + " WHERE period = 202502 AND org_level = 'total' AND contact_type = 'DOCTOR_VISIT_REMOTE'"
                + " AND provider = 'PRIVATE_PROVIDER'")).containsExactly("265.0000,90.0000,");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private LoadRecord load() {
        return new LoadJob(new LoadSettings(landing, warehouse, LoadSettings.DEFAULT_REJECT_THRESHOLD),
                () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT).run();
    }

    private void write(String relative, String text) throws IOException {
        write(relative, text, StandardCharsets.UTF_8);
    }

    private void write(String relative, String text, Charset charset) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(charset));
    }

    /** value|previous_year_value of one KPI row, plain decimals. */
    private String kpi(String kpiId, int period, String where) throws SQLException {
        List<String> rows = query("SELECT value, previous_year_value FROM kpi.kpi_values WHERE kpi_id = '" + kpiId
                + "' AND period = " + period + " AND " + where);
        assertThat(rows).as(kpiId + " " + period + " " + where).hasSize(1);
        String[] values = rows.get(0).split(",", -1);
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            text.append(text.length() == 0 ? "" : "|")
                    .append(value.isEmpty() ? "null" : new BigDecimal(value).stripTrailingZeros().toPlainString());
        }
        return text.toString();
    }

    /** Rows with ',' between values, decimals as stored (plain), NULL empty. */
    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = Catalogue.openReadOnly(new WarehouseLayout(warehouse));
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    values.add(value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                }
                rows.add(String.join(",", values));
            }
        }
        return rows;
    }
}
