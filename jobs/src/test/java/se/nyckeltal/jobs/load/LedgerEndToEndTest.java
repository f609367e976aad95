package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * From landing CSVs to kpi.kpi_values through Spark, Parquet and DuckDB, against the numbers worked
 * out by hand from {@link LedgerLandingFixtures}.
 */
@ExtendWith(SharedSpark.class)
class LedgerEndToEndTest {
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
        LedgerLandingFixtures.write(landing);
        return load();
    }

    @Test
    void everyLedgerKpiAtTotalLevelMatchesTheHandComputedYearToDate() throws Exception {
        LoadRecord record = loadFixture();
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(record.files()).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FileOutcome.Status.LOADED);
            assertThat(f.reconciled()).isTrue();
            assertThat(f.rowsQuarantined()).isZero();
        });

        // ytd 2025-02, whole organisation (UNMAPPED X9 included):
        // revenue = 1100 + 2100 + 1200 + 2200 = 6600; cost = (650+120+900+40+330+10) + (700+950+350) = 2050 + 2000 = 4050
        // personnel (agency included) = 650+900+40+330 + 700+950+350 = 3920; agency = 40
        // previous year (ytd 2024-02): revenue 2 × 3000 = 6000, cost 2 × 1850 = 3700, personnel 2 × 1750 = 3500, agency 100
        // budget: revenue 2 × 1050 = 2100, cost 2 × (640 + 880) = 3040, result 2100 − 3040 = −940, agency 0
        Map<String, Row> total = rows("period = 202502 AND time_window = 'ytd' AND org_level = 'total'");
        assertKpi(total.get("revenue"), "6600", "6000", "2100");
        assertKpi(total.get("cost"), "4050", "3700", "3040");
        assertKpi(total.get("result"), "2550", "2300", "-940");
        assertKpi(total.get("personnel_cost"), "3920", "3500", "3040");
        assertKpi(total.get("agency_cost"), "40", "100", "0");
        assertThat(total.get("result").orgId).isEqualTo("TOTAL");

        // gross: (4050 − 3700) / 3700 × 100 = 9.459459…; numerator 350, denominator 3700
        Row gross = total.get("gross_cost_development_pct");
        assertThat(gross.value).isCloseTo(new BigDecimal("9.459459"), org.assertj.core.data.Offset.offset(new BigDecimal("0.00001")));
        assertThat(gross.numerator).isEqualByComparingTo("350");
        assertThat(gross.denominator).isEqualByComparingTo("3700");
        assertThat(gross.budget).isNull();
        // net cost = cost − revenue excluding the regional allocation (3210):
        // 2025: 4050 − (1100 + 1200) = 1750; 2024: 3700 − 2000 = 1700; (1750 − 1700) / 1700 × 100 = 2.941176…
        Row net = total.get("net_cost_development_pct");
        assertThat(net.value).isCloseTo(new BigDecimal("2.941176"), org.assertj.core.data.Offset.offset(new BigDecimal("0.00001")));

        // deviations and trend: result vs budget (2550 − (−940)) / 940 × 100 = 371.2766; cost vs last year +9.4595 %
        assertThat(total.get("result").deviationBudget).isCloseTo(new BigDecimal("371.276596"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
        assertThat(total.get("cost").deviationPreviousYear).isCloseTo(new BigDecimal("9.459459"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
        assertThat(total.get("cost").trend).isEqualTo("negative");   // cost up, good direction down
        assertThat(total.get("revenue").trend).isEqualTo("positive");
        assertThat(total.get("result").trend).isEqualTo("positive"); // 2550 > 2300
    }

    @Test
    void monthWindowAndUnitLevelUseOnlyThatMonth() throws Exception {
        loadFixture();
        // month 2025-02: cost 700 + 950 + 350 = 2000, previous year 2024-02: 600+100+800+50+300 = 1850
        Map<String, Row> month = rows("period = 202502 AND time_window = 'month' AND org_level = 'total'");
        assertKpi(month.get("cost"), "2000", "1850", "1520");
        assertKpi(month.get("revenue"), "3400", "3000", "1050");
        // ytd at January equals the month
        Map<String, Row> january = rows("period = 202501 AND time_window = 'ytd' AND org_level = 'total'");
        assertKpi(january.get("cost"), "2050", "1850", "1520");

        // unit U2, ytd 2025-02: cost 900 + 40 + 950 = 1890, personnel 1890, agency 40; last year 2 × 850 = 1700
        Map<String, Row> u2 = rows("period = 202502 AND time_window = 'ytd' AND org_level = 'unit' AND org_id = 'U2'");
        assertKpi(u2.get("cost"), "1890", "1700", "1760"); // budget 2 × 880
        assertThat(u2.get("cost").orgName).isEqualTo("Enhet Två");
        assertKpi(u2.get("agency_cost"), "40", "100", "0");
    }

    @Test
    void areasRollUpLikeForLikeWithTheStructureOfTheReportedPeriod() throws Exception {
        loadFixture();
        // U2 moved from A to B on 2025-01-01. At 2025-02 both years use the 2025 structure:
        // A = U1: cost 650 + 120 + 700 = 1470, last year 2 × 700 = 1400
        // B = U2 + U3: cost 1890 + 680 = 2570, last year 1700 + 600 = 2300
        Map<String, Row> a = rows("period = 202502 AND time_window = 'ytd' AND org_level = 'area' AND org_id = 'A'");
        Map<String, Row> b = rows("period = 202502 AND time_window = 'ytd' AND org_level = 'area' AND org_id = 'B'");
        assertKpi(a.get("cost"), "1470", "1400", "1280");
        assertKpi(b.get("cost"), "2570", "2300", "1760");
        assertThat(b.get("cost").orgName).isEqualTo("Område B");
        // At 2024-02 U2 still belongs to A: A = 2 × (700 + 850) = 3100, B = 2 × 300 = 600
        assertThat(rows("period = 202402 AND time_window = 'ytd' AND org_level = 'area' AND org_id = 'A'")
                .get("cost").value).isEqualByComparingTo("3100");
        assertThat(rows("period = 202402 AND time_window = 'ytd' AND org_level = 'area' AND org_id = 'B'")
                .get("cost").value).isEqualByComparingTo("600");
        // The unknown cost centre X9 stays in: its own UNMAPPED member, and in the total (1470 + 2570 + 10 = 4050)
        Map<String, Row> unmapped = rows("period = 202502 AND time_window = 'ytd' AND org_level = 'area' AND org_id = 'UNMAPPED'");
        assertThat(unmapped.get("cost").value).isEqualByComparingTo("10");
        assertThat(query("SELECT count(*) FROM meta.data_quality WHERE subject LIKE '%X9%'").get(0).get(0)).isEqualTo(1L);
    }

    @Test
    void restatedPeriodReplacesEarlierDelivery() throws Exception {
        loadFixture();
        // The region re-delivers February 2025 whole, with U1 salaries 800 instead of 700.
        LedgerLandingFixtures.write(landing.resolve("ledger/huvudbok-2025-02-rattelse.csv"), StandardCharsets.UTF_8,
                String.join("\n", "period;kst;konto;belopp", "202502;U1;3010;-1200.00", "202502;U1;4010;800.00",
                        "202502;U2;3210;-2200.00", "202502;U2;4010;950.00", "202502;U3;4010;350.00", ""));
        LoadRecord second = load();
        assertThat(second.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(second.files()).filteredOn(f -> f.status() == FileOutcome.Status.LOADED).hasSize(1);
        // month 2025-02: 800 + 950 + 350 = 2100 (not 2200: the old partition is gone); ytd 2050 + 2100 = 4150
        assertThat(rows("period = 202502 AND time_window = 'month' AND org_level = 'total'").get("cost").value)
                .isEqualByComparingTo("2100");
        assertThat(rows("period = 202502 AND time_window = 'ytd' AND org_level = 'total'").get("cost").value)
                .isEqualByComparingTo("4150");
        assertThat(query("SELECT count(*) FROM meta.loads").get(0).get(0)).isEqualTo(2L);
    }

    @Test
    void identicalRedeliveredFileIsSkipped() throws Exception {
        loadFixture();
        Files.copy(landing.resolve("ledger/huvudbok-2024-01.csv"), landing.resolve("ledger/huvudbok-2024-01-igen.csv"));
        String before = Files.readString(new WarehouseLayout(warehouse).currentPointer());
        LoadRecord again = load();
        assertThat(again.outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        assertThat(again.files()).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.SKIPPED_ALREADY_LOADED);
        assertThat(Files.readString(new WarehouseLayout(warehouse).currentPointer())).isEqualTo(before);
    }

    @Test
    void failingLoadLeavesThePublishedCatalogueByteForByteUnchanged() throws Exception {
        loadFixture();
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        String snapshotBefore = new WarehouseStore(layout).currentSnapshotId().orElseThrow();
        String catalogueHashBefore = sha256(layout.catalogueFile(snapshotBefore));
        List<List<Object>> kpisBefore = query("SELECT * FROM kpi.kpi_values ORDER BY ALL");

        // A good new month plus a file where 1 of 2 rows is bad (50 % > 1 %): the whole load is refused.
        LedgerLandingFixtures.write(landing.resolve("ledger/huvudbok-2025-03.csv"), StandardCharsets.UTF_8,
                String.join("\n", "period;kst;konto;belopp", "202503;U1;4010;700.00", ""));
        LedgerLandingFixtures.write(landing.resolve("ledger/huvudbok-2025-04.csv"), StandardCharsets.UTF_8,
                String.join("\n", "period;kst;konto;belopp", "202504;U1;4010;700.00", "202504;U1;4010;sjuhundra", ""));
        assertThatThrownBy(this::load)
                .isInstanceOf(LoadFailedException.class)
                .hasMessageContaining("ledger/huvudbok-2025-04.csv")
                .hasMessageContaining("nothing published");

        assertThat(new WarehouseStore(layout).currentSnapshotId()).contains(snapshotBefore);
        assertThat(sha256(layout.catalogueFile(snapshotBefore))).isEqualTo(catalogueHashBefore);
        assertThat(query("SELECT * FROM kpi.kpi_values ORDER BY ALL")).isEqualTo(kpisBefore);
        // The refused rows are kept: the failed load's record says so, and its quarantine is on disk.
        List<LoadRecord> records = new WarehouseStore(layout).loadRecords();
        assertThat(records.get(records.size() - 1).outcome()).isEqualTo(LoadRecord.Outcome.FAILED);
        assertThat(Files.list(layout.quarantineDir()).count()).isEqualTo(1);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private record Row(String orgId, String orgName, BigDecimal value, BigDecimal numerator, BigDecimal denominator,
            BigDecimal budget, BigDecimal previousYear, BigDecimal deviationBudget, BigDecimal deviationPreviousYear,
            String trend) {}

    private Map<String, Row> rows(String where) throws SQLException {
        Map<String, Row> byKpi = new LinkedHashMap<>();
        try (Connection c = Catalogue.openReadOnly(new WarehouseLayout(warehouse));
                PreparedStatement s = c.prepareStatement("SELECT * FROM kpi.kpi_values WHERE " + where);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Row previous = byKpi.put(rs.getString("kpi_id"), new Row(rs.getString("org_id"), rs.getString("org_name"),
                        rs.getBigDecimal("value"), rs.getBigDecimal("numerator"), rs.getBigDecimal("denominator"),
                        rs.getBigDecimal("budget_value"), rs.getBigDecimal("previous_year_value"),
                        rs.getBigDecimal("deviation_budget_pct"), rs.getBigDecimal("deviation_previous_year_pct"),
                        rs.getString("trend")));
                assertThat(previous).as("one row per kpi for " + where).isNull();
            }
        }
        return byKpi;
    }

    private List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> result = new ArrayList<>();
        try (Connection c = Catalogue.openReadOnly(new WarehouseLayout(warehouse));
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                result.add(row);
            }
        }
        return result;
    }

    private static void assertKpi(Row row, String value, String previousYear, String budget) {
        assertThat(row).isNotNull();
        assertThat(row.value).isEqualByComparingTo(value);
        assertThat(row.previousYear).isEqualByComparingTo(previousYear);
        assertThat(row.budget).isEqualByComparingTo(budget);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
