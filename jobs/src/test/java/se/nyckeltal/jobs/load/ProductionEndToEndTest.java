package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * From production CSVs in the landing zone through LoadJob (Spark, Parquet, DuckDB) to kpi.kpi_values
 * and the Produktionsdata tables, against the numbers worked out by hand from
 * {@link ProductionLandingFixtures}.
 */
@ExtendWith(SharedSpark.class)
class ProductionEndToEndTest {
    @TempDir
    Path tmp;

    private Path landing;
    private Path warehouse;

    private LoadRecord load() {
        return new LoadJob(new LoadSettings(landing, warehouse, LoadSettings.DEFAULT_REJECT_THRESHOLD),
                () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT).run();
    }

    private LoadRecord loadFixture() throws IOException {
        landing = tmp.resolve("landing");
        warehouse = tmp.resolve("warehouse");
        ProductionLandingFixtures.write(landing);
        return load();
    }

    @Test
    void productionKpisAndTablesMatchTheHandComputedFigures() throws Exception {
        LoadRecord record = loadFixture();
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(record.files()).hasSize(7).allSatisfy(f -> {
            assertThat(f.source()).isEqualTo("production");
            assertThat(f.status()).isEqualTo(FileOutcome.Status.LOADED);
            assertThat(f.reconciled()).isTrue();
            assertThat(f.rowsQuarantined()).isZero();
        });

        String total = "time_window = 'ytd' AND org_level = 'total'";
        // ytd 2025-02, every provider: doctor visits 80 + 5 + 50 + 90 + 55 = 280; last year 70 + 75 = 145;
        // budget 85 + 85 + 4 + 4 = 178
        assertThat(kpi("production.DOCTOR_VISIT", 202502, total)).isEqualTo("280|178|145");
        // weighted care services: doctor visits weigh 1.2 in 2025: 280 × 1.2 = 336, discharges (6 + 4) × 4.0 = 40 → 376;
        // last year 145 × 1.0 = 145; budget 178 × 1.2 = 213.6
        assertThat(kpi("weighted_care_services", 202502, total)).isEqualTo("376|213.6|145");
        // December 2024 (daily rows summed): (60 + 40) × 1.0 + 5 × 4.0 = 120
        assertThat(kpi("weighted_care_services", 202412, "time_window = 'month' AND org_level = 'total'"))
                .isEqualTo("120|null|null");
        // DRG points one month late: ytd 2025-02 = January 2025 70.5; ytd 2025-01 = the whole of 2024 =
        // 100.25 + 50.25 = 150.5 (nothing before December); no January 2024 DRG for last year
        assertThat(kpi("drg_points", 202502, total)).isEqualTo("70.5|null|null");
        assertThat(kpi("drg_points", 202501, total)).isEqualTo("150.5|null|null");
        // occupancy ytd 2025-02: (550 + 280) ÷ (620 + 310) × 100 = 89.247312 (the units' 88.7 % and 90.3 % average 89.5 %)
        assertThat(query("SELECT value, numerator, denominator FROM kpi.kpi_values WHERE kpi_id = 'bed_occupancy_pct'"
                + " AND period = 202502 AND " + total)).containsExactly("89.247312,830.000000,930.000000");
        // length of stay: (18 + 30) ÷ (6 + 4) = 4.8 days (U1 3.0 and U3 7.5 average 5.25)
        assertThat(kpi("average_length_of_stay", 202502, total)).isEqualTo("4.8|null|null");
        assertThat(query("SELECT org_id, value FROM kpi.kpi_values WHERE kpi_id = 'average_length_of_stay'"
                + " AND period = 202501 AND time_window = 'month' AND org_level = 'unit' ORDER BY org_id"))
                .containsExactly("U1,3.000000", "U3,7.500000");
        // U2 moved to area B on 2025-01-01: area B doctor visits ytd 2025-02 = U2 50 + 55 = 105
        assertThat(kpi("production.DOCTOR_VISIT", 202502, "time_window = 'ytd' AND org_level = 'area' AND org_id = 'B'"))
                .isEqualTo("105|null|null");

        // The three Produktionsdata tables split by provider, ack 2025-02:
        // own: 80 + 90 = 170; budget 85 + 85 = 170 (0 %); last year 145 (+17.2414 %); forecast 1000;
        //      full-year budget 12 × 85 = 1020; 2024 closing 70 + 75 + 60 = 205
        assertThat(table("production_own", "DOCTOR_VISIT")).isEqualTo("170.0000,170.0000,0.0000,145.0000,17.2414,1000.0000,1020.0000,205.0000");
        // region-run and private vårdcentraler: U2 50 + 55 = 105; nothing in Jan–Feb 2024; 2024 closing 40
        assertThat(table("production_primary_care", "DOCTOR_VISIT")).isEqualTo("105.0000,,,,,,,40.0000");
        // private providers: 5, budget 4 + 4 = 8: (5 − 8) ÷ 8 × 100 = −37.5 %
        assertThat(table("production_private_providers", "DOCTOR_VISIT")).isEqualTo("5.0000,8.0000,-37.5000,,,,8.0000,");
        assertThat(table("production_own", "DRG_POINTS")).isEqualTo("70.5000,,,,,,,150.5000");

        // The unknown contact type is kept under UNMAPPED and reported
        assertThat(query("SELECT value FROM kpi.kpi_values WHERE kpi_id = 'production.UNMAPPED' AND period = 202501"
                + " AND time_window = 'month' AND org_id = 'U3'")).containsExactly("3.000000");
        assertThat(query("SELECT check_id, subject, rows, amount FROM meta.data_quality WHERE source = 'production'"))
                .containsExactly("unmapped_contact_type,GRUPPBESÖK,1,3.0000");
    }

    @Test
    void restatedMonthReplacesTheEarlierDelivery() throws Exception {
        loadFixture();
        // January 2025 delivered again, whole: U1 100 doctor visits (was 80), DRG 72.5 (was 70.5), U2 50.
        // The rows the restatement lacks (U1's private visits, the beds, U3) are gone with the old partition.
        ProductionLandingFixtures.write(landing.resolve("production/produktion-2025-01-rattelse.csv"),
                StandardCharsets.UTF_8, String.join("\n", "period;unit;provider;contact_type;volume",
                        "202501;U1;OWN;DOCTOR_VISIT;100", "202501;U1;OWN;DRG_POINTS;72,5",
                        "202501;U2;REGION_PRIMARY_CARE;DOCTOR_VISIT;50", ""));
        LoadRecord second = load();

        assertThat(second.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(second.files()).filteredOn(f -> f.status() == FileOutcome.Status.LOADED).hasSize(1);
        // month 2025-01: 100 + 50 = 150 (not 135, not 285)
        assertThat(kpi("production.DOCTOR_VISIT", 202501, "time_window = 'month' AND org_level = 'total'"))
                .isEqualTo("150|89|70");
        assertThat(kpi("drg_points", 202502, "time_window = 'month' AND org_level = 'total'")).isEqualTo("72.5|null|null");
        assertThat(query("SELECT count(*) FROM kpi.kpi_values WHERE kpi_id = 'bed_occupancy_pct' AND period = 202501"))
                .containsExactly("0");
        // own production ack 2025-02: 100 + 90 = 190
        assertThat(table("production_own", "DOCTOR_VISIT")).startsWith("190.0000,170.0000,");
    }

    @Test
    void changedWeightsReweighOnlyTheYearTheyApplyTo() throws Exception {
        String firstLoad = loadFixture().loadId();
        // Doctor visits weigh 1.5 in 2025 from now on; no new production file.
        ProductionLandingFixtures.write(landing.resolve("reference/contact_types.csv"), StandardCharsets.UTF_8,
                ProductionLandingFixtures.CONTACT_TYPES.replace("1,2;2025", "1,5;2025"));
        LoadRecord second = load();

        assertThat(second.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        // 2025: 280 × 1.5 + 40 = 460; 2024 as before: 145 last year, December 120
        assertThat(kpi("weighted_care_services", 202502, "time_window = 'ytd' AND org_level = 'total'"))
                .isEqualTo("460|267|145");
        assertThat(kpi("weighted_care_services", 202412, "time_window = 'month' AND org_level = 'total'"))
                .isEqualTo("120|null|null");
        // Only the 2025 partitions were written again; their rows still name the load that delivered them.
        List<FactPartition> partitions = new WarehouseStore(new WarehouseLayout(warehouse)).currentSnapshot()
                .partitions("production");
        assertThat(partitions).filteredOn(p -> p.period() / 100 == 2024).extracting(FactPartition::loadId)
                .containsOnly(firstLoad);
        assertThat(partitions).filteredOn(p -> p.period() / 100 == 2025).extracting(FactPartition::loadId)
                .containsOnly(second.loadId());
        assertThat(query("SELECT DISTINCT load_id FROM fact.production")).containsExactly(firstLoad);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** value|budget_value|previous_year_value of one KPI row, plain decimals. */
    private String kpi(String kpiId, int period, String where) throws SQLException {
        List<String> rows = query("SELECT value, budget_value, previous_year_value FROM kpi.kpi_values WHERE kpi_id = '"
                + kpiId + "' AND period = " + period + " AND " + where);
        assertThat(rows).as(kpiId + " " + period + " " + where).hasSize(1);
        String[] values = rows.get(0).split(",", -1);
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            text.append(text.length() == 0 ? "" : "|")
                    .append(value.isEmpty() ? "null" : new BigDecimal(value).stripTrailingZeros().toPlainString());
        }
        return text.toString();
    }

    /** One line of a Produktionsdata table at total level, ack 2025-02, as csv. */
    private String table(String view, String lineId) throws SQLException {
        List<String> rows = query("SELECT actual, budget, deviation_budget_pct, actual_previous_year,"
                + " deviation_previous_year_pct, forecast_full_year, budget_full_year, actual_full_year_previous_year"
                + " FROM kpi." + view + " WHERE period = 202502 AND time_window = 'ytd' AND org_level = 'total'"
                + " AND line_id = '" + lineId + "'");
        assertThat(rows).as(view + " " + lineId).hasSize(1);
        return rows.get(0);
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
