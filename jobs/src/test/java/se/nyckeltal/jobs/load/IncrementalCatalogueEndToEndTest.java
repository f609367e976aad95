package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * A nightly load copies the unchanged years of the materialised KPI tables from the previous catalogue
 * and recomputes only the rest — and the catalogue it publishes is row for row the one a load of all
 * the same files into an empty warehouse builds from scratch.
 *
 * <pre>
 * first load:   ledger, production and HR for 2024-11 … 2025-02, ledger budget for 2025
 * nightly load: the new month 2025-03 for all three, and 2025-02 restated (ledger and HR)
 *               → facts changed from 202502, no plan (budget, forecast) did: every incremental table, those
 *                 with full-year columns too, is recomputed from 202502 and the rest is copied (built in a copy
 *                 of the previous catalogue's file, the tables keep their earlier rows in place); the HR sums
 *                 over groups of any size and the suppression's cells (build-only, kept under restricted/) are
 *                 copied up to 202501 and the months from 202502 decided from the earlier months' flags, so every
 *                 HR table and flag equals a full build's
 * next night:   the new month 2025-04, and 2025-03 restated: again in a copy, of a file built in a copy
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class IncrementalCatalogueEndToEndTest {
    private static final List<String> MATERIALISED = List.of("kpi.kpi_values", "kpi.income_statement",
            "kpi.production_report", "internal.hr_sick_leave", "internal.hr_suppression", "internal.hr_window_hours",
            "internal.hr_headcount", "internal.ledger_monthly", "internal.ledger_statement_monthly", "fact.hr_time");
    private static final String KEY_FILE = "pseudonym.key";
    /** The build-only tables a build keeps under restricted/catalogue/ for the next. */
    private static final List<String> KEPT = List.of("hr_sick_groups", "hr_worked_groups", "hr_suppression_cells");
    private static final String OBJECTS = "SELECT 'table', schema_name, table_name FROM duckdb_tables()"
            + " WHERE database_name = current_database() UNION ALL SELECT 'view', schema_name, view_name"
            + " FROM duckdb_views() WHERE database_name = current_database() AND NOT internal UNION ALL"
            + " SELECT function_type, schema_name, function_name FROM duckdb_functions()"
            + " WHERE database_name = current_database() AND NOT internal AND function_type LIKE '%macro' ORDER BY ALL";

    @TempDir
    Path tmp;

    @Test
    void nightlyLoadCopiesUnchangedYearsAndPublishesWhatAFullBuildWould() throws Exception {
        Path stepwise = tmp.resolve("stepwise");
        // The demo region's units and accounts, delivered as a region delivers its own.
        ReferenceFixtures.writeShipped(stepwise.resolve("landing"), ReferenceData.ORG_UNITS, ReferenceData.ACCOUNTS);
        for (YearMonth month = YearMonth.of(2024, 11); !month.isAfter(YearMonth.of(2025, 2)); month = month.plusMonths(1)) {
            writeMonth(stepwise, month, "", 0);
        }
        write(stepwise, "ledger/budget-2025.csv", budget(2025));
        assertThat(load(stepwise).outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(build(stepwise)).containsEntry("earliest_change", null);
        // the HR group sums over groups of any size are kept beside the restricted facts, never in the catalogue,
        // and the nightly build copies their periods before 202502 from there
        WarehouseLayout stepwiseLayout = new WarehouseLayout(stepwise.resolve("warehouse"));
        Path kept = stepwiseLayout.restrictedCatalogueDir(new WarehouseStore(stepwiseLayout).currentSnapshotId().orElseThrow());
        // (and so are the suppression's numbered cells, whose periods before 202502 are copied too),
        // one folder per period
        for (String table : KEPT) {
            for (String period : List.of("202411", "202412", "202501", "202502")) {
                assertThat(keptFile(kept, table, period)).as(table + " " + period).isRegularFile();
            }
        }

        writeMonth(stepwise, YearMonth.of(2025, 3), "", 0);
        writeMonth(stepwise, YearMonth.of(2025, 2), "_rattelse", 7); // sorts after the first delivery (SPEC §4)
        assertThat(load(stepwise).outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        // only outcomes (ACTUAL) changed: even the tables with full-year columns recompute from 202502, not 202501
        assertThat(build(stepwise)).containsEntry("earliest_change", "202502").containsEntry("copied_file", "true");
        // the nightly wrote the kept sums of the months it recomputed; the earlier months' files are the first
        // build's, linked
        Path nightlyKept = stepwiseLayout.restrictedCatalogueDir(
                new WarehouseStore(stepwiseLayout).currentSnapshotId().orElseThrow());
        for (String table : KEPT) {
            assertThat(Files.isSameFile(keptFile(nightlyKept, table, "202501"), keptFile(kept, table, "202501")))
                    .as(table).isTrue();
            assertThat(Files.isSameFile(keptFile(nightlyKept, table, "202502"), keptFile(kept, table, "202502")))
                    .as(table).isFalse();
            assertThat(keptFile(nightlyKept, table, "202503")).as(table).isRegularFile();
        }
        assertThat(build(stepwise).get("reason")).contains("facts changed from 202502 (no plan changed)");

        // the next night restates 2025-03 and brings 2025-04: built in a copy of a file that was itself built in a
        // copy, whose tables already hold rows deleted in place
        writeMonth(stepwise, YearMonth.of(2025, 4), "", 0);
        writeMonth(stepwise, YearMonth.of(2025, 3), "_rattelse", 3);
        assertThat(load(stepwise).outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(build(stepwise)).containsEntry("earliest_change", "202503").containsEntry("copied_file", "true");

        Path atOnce = tmp.resolve("at-once");
        copyTree(stepwise.resolve("landing"), atOnce.resolve("landing"));
        Files.copy(stepwise.resolve(KEY_FILE), atOnce.resolve(KEY_FILE));
        assertThat(load(atOnce).outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(build(atOnce)).containsEntry("earliest_change", null).containsEntry("copied_file", "false");

        try (Connection incremental = open(stepwise); Connection full = open(atOnce)) {
            // the copy holds what a build in an empty file makes, nothing it dropped or set aside
            assertThat(rows(incremental, OBJECTS)).isNotEmpty().containsExactlyElementsOf(rows(full, OBJECTS));
            for (String table : MATERIALISED) {
                List<String> copied = rows(incremental, "SELECT * FROM " + table + " ORDER BY ALL");
                assertThat(copied).as(table).isNotEmpty().containsExactlyElementsOf(
                        rows(full, "SELECT * FROM " + table + " ORDER BY ALL"));
                assertThat(rows(incremental, "SELECT DISTINCT period // 100 FROM " + table)).as(table)
                        .contains("2024", "2025");
                // stored with period first, as the full build stores it (lookups prune row groups by period; the
                // next build compares tables row by row in stored order): no row is stored after a later period's
                assertThat(rows(incremental, "SELECT count(*) FROM (SELECT period, max(period) OVER (ORDER BY rowid"
                        + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_before FROM " + table
                        + ") WHERE period < latest_before")).as(table).containsExactly("0");
            }
            // the findings over every month: the earlier months' flagged ledger rows are kept, not read again
            String findings = "SELECT check_id, subject, detail, rows, amount FROM meta.data_quality ORDER BY ALL";
            assertThat(rows(incremental, findings)).containsExactlyElementsOf(rows(full, findings))
                    .contains("unmapped_account|99X|account 99X is in no range of accounts.csv: 6 rows in 202411..202504"
                            + " (ACTUAL) count in no KPI; add a range to accounts.csv and load again|6|610.0000");
            // the restatement reached the KPIs: 2025-02 personnel cost is the restated one, 3 × 407 000
            assertThat(rows(incremental, "SELECT value FROM kpi.kpi_values WHERE kpi_id = 'personnel_cost'"
                    + " AND period = 202502 AND time_window = 'month' AND org_level = 'total'"))
                    .containsExactly("1221000.000000");
        }
    }

    @Test
    void changedReferenceDataMeansAFullBuild() throws Exception {
        Path warehouse = tmp.resolve("reference");
        ReferenceFixtures.writeShipped(warehouse.resolve("landing"), ReferenceData.ORG_UNITS, ReferenceData.ACCOUNTS);
        writeMonth(warehouse, YearMonth.of(2025, 1), "", 0);
        assertThat(load(warehouse).outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        write(warehouse, "reference/parameters.csv", "year;fte_norm_hours\n2024;1700\n2025;1700\n");
        writeMonth(warehouse, YearMonth.of(2025, 2), "", 0);

        assertThat(load(warehouse).outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);

        assertThat(build(warehouse)).containsEntry("earliest_change", null)
                .containsEntry("reason", "reference data changed (dim.parameters)");
    }

    // --- landing files --------------------------------------------------------------------------------

    /**
     * One month of all three sources. {@code shift} moves amounts and sick days, so a restatement differs
     * from the first delivery.
     */
    private static void writeMonth(Path root, YearMonth month, String suffix, int shift) throws IOException {
        String name = String.format("%04d-%02d%s.csv", month.getYear(), month.getMonthValue(), suffix);
        int period = month.getYear() * 100 + month.getMonthValue();
        StringBuilder ledger = new StringBuilder("period;cost_center;account;amount\n");
        for (String unit : List.of("1050", "1060", "2010")) {
            ledger.append(period).append(';').append(unit).append(";4010;").append(400000 + 1000 * shift).append('\n');
            ledger.append(period).append(';').append(unit).append(";5510;").append(50000 + month.getMonthValue())
                    .append('\n');
            ledger.append(period).append(';').append(unit).append(";3010;-12000,50\n");
        }
        // an account no range of accounts.csv holds: in no KPI, a finding of meta.data_quality over every month
        ledger.append(period).append(";1050;99X;").append(100 + shift).append('\n');
        write(root, "ledger/huvudbok-" + name, ledger.toString());
        if (suffix.isEmpty()) {
            write(root, "production/produktion-" + name, "period;unit;contact_type;volume\n"
                    + period + ";1050;DOCTOR_VISIT;" + (300 + month.getMonthValue()) + "\n"
                    + period + ";1060;DOCTOR_VISIT;120\n" + period + ";2010;OTHER_VISIT;410\n"
                    + period + ";1050;DRG_POINTS;55\n");
        }
        StringBuilder hr = new StringBuilder(
                "date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours\n");
        // six nurses at each of two units of AKUT (small groups, suppressed), 24 at a unit of NARA: a group
        // fact.hr_time publishes (its periods are copied too). Men born in the 1960s in AKUT, women born 1970 in NARA:
        // no sum over both areas has a small part that would take NARA's figures with it.
        for (int e = 1; e <= 36; e++) {
            String unit = e <= 6 ? "1050" : e <= 12 ? "1060" : "2010";
            String person = "E" + e + ";" + unit + ";OWN;NURSE;" + (e <= 12 ? "M;" + (1960 + e) : "K;1970");
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                hr.append(day).append(';').append(person).append(";SCHEDULED;8\n");
                boolean sick = e <= 3 && day.getDayOfMonth() <= 3 + e + shift;
                hr.append(day).append(';').append(person).append(sick ? ";SICK;8\n" : ";WORKED;8\n");
            }
        }
        write(root, "hr/tid-" + name, hr.toString());
    }

    private static String budget(int year) {
        StringBuilder text = new StringBuilder("period;cost_center;account;scenario;amount\n");
        for (int m = 1; m <= 12; m++) {
            for (String unit : List.of("1050", "1060", "2010")) {
                text.append(year * 100 + m).append(';').append(unit).append(";4010;BUDGET;390000\n");
            }
        }
        return text.toString();
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve("landing").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    // --- loading and reading --------------------------------------------------------------------------

    private static LoadRecord load(Path root) throws IOException {
        Path key = root.resolve(KEY_FILE);
        if (!Files.exists(key)) {
            Files.writeString(key, "a-test-key-that-is-long-enough-for-hmac-0123456789");
        }
        return new LoadJob(new LoadSettings(root.resolve("landing"), root.resolve("warehouse"),
                LoadSettings.DEFAULT_REJECT_THRESHOLD, key), () -> SparkSessions.getOrCreate("test"),
                Clock.systemUTC(), LoadProgress.SILENT).run();
    }

    /** The one file a build kept of a build-only table's period. */
    private static Path keptFile(Path kept, String table, String period) throws IOException {
        try (var files = Files.list(kept.resolve(table).resolve("period=" + period))) {
            List<Path> parquet = files.filter(file -> file.toString().endsWith(".parquet")).toList();
            assertThat(parquet).as(table + " " + period).hasSize(1);
            return parquet.get(0);
        }
    }

    private static Connection open(Path root) throws SQLException {
        return Catalogue.openReadOnly(new WarehouseLayout(root.resolve("warehouse")));
    }

    private static java.util.Map<String, String> build(Path root) throws SQLException {
        try (Connection connection = open(root); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM meta.catalogue_build")) {
            assertThat(rows.next()).isTrue();
            java.util.Map<String, String> build = new java.util.HashMap<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                build.put(rows.getMetaData().getColumnName(i), rows.getString(i));
            }
            return build;
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
