package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.hr.PseudonymKey;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * HR from landing CSVs through LoadJob (Spark, Parquet, DuckDB) to kpi.kpi_values, worked out by hand,
 * and a scan of everything an analyst can query for the employees' ids and pseudonyms.
 *
 * <pre>
 * reference: U1, U2 in area A; parameters.csv 2025: 1 800 h (150 h a month)
 * ledger 2025-02 ACTUAL: U1 4010 300 000, U2 4710 (agency) 33 000
 * hr 2025-02, Mon 3 – Fri 7 February, own staff nurses on U1:
 *   N01–N11 (N11 a man, the rest women), 8 h scheduled every day, 8 h worked when not sick
 *   N01 sick Wed 5 (8 h), Thu 6 (8 h), Fri 7 (6 of 8 h, 2 h worked): 22 h, days 1–3 of a spell still open
 *   N02 2 h overtime on Mon 3
 *   H01 agency doctor on U2: 10 h worked Mon 3–Wed 5, 12 h on call on Tue 4
 *   one row of N03 with negative hours: quarantined
 * hr 2025-03 (second load), Mon 3 – Fri 7 March: the same, N01 sick all five days (8 h each):
 *   5 February → 3 March = 26 days, so days 27–31 of the February spell: all on days 15–90
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class HrEndToEndTest {
    private static final String KEY = "end-to-end test pseudonym key";
    private static final List<String> IDS = List.of("19750315-2401", "19750315-2402", "19750315-2403",
            "19750315-2404", "19750315-2405", "19750315-2406", "19750315-2407", "19750315-2408", "19750315-2409",
            "19750315-2410", "19750315-2411", "hyr-77-0042");

    @TempDir
    Path tmp;

    private LoadRecord load() {
        return new LoadJob(new LoadSettings(tmp.resolve("landing"), tmp.resolve("warehouse"), new BigDecimal("0.05"),
                tmp.resolve("key")), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT).run();
    }

    private void write(String path, String text) throws IOException {
        Path file = tmp.resolve("landing").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Mon 3 – Fri 7 of a month of 2025 as described above; N01 sick per {@code sick}. */
    private static String hrMonth(int month, double[] n01Sick, boolean february) {
        StringBuilder csv = new StringBuilder("Datum;Anstnr;Kst;Personalkategori;Yrke;Kön;Födelseår;Tidtyp;Timmar\n");
        for (int d = 3; d <= 7; d++) {
            String date = LocalDate.of(2025, month, d).toString();
            for (int n = 1; n <= 11; n++) {
                String id = IDS.get(n - 1);
                String prefix = date + ";" + id + ";U1;egen;Sjuksköterska;" + (n == 11 ? "M" : "K") + ";1980;";
                double sick = n == 1 ? n01Sick[d - 3] : 0;
                csv.append(prefix).append("Schemalagd;8\n");
                if (sick > 0) {
                    csv.append(prefix).append("Sjuk;").append(String.valueOf(sick).replace('.', ',')).append('\n');
                }
                if (sick < 8) {
                    csv.append(prefix).append("Arbetad;").append(String.valueOf(8 - sick).replace('.', ',')).append('\n');
                }
                if (n == 2 && d == 3) {
                    csv.append(prefix).append("Övertid;2\n");
                }
            }
            if (february && d <= 5) {
                csv.append(date).append(";hyr-77-0042;U2;inhyrd;Läkare;M;1966;Arbetad;10\n");
                if (d == 4) {
                    csv.append(date).append(";hyr-77-0042;U2;inhyrd;Läkare;M;1966;Jour;12\n");
                }
            }
        }
        if (february) {
            csv.append("2025-02-10;19750315-2403;U1;egen;Sjuksköterska;K;1980;Arbetad;−4\n");
        }
        return csv.toString();
    }

    @Test
    void hrKpisFromLandingFilesAndNothingPersonalForAnalysts() throws Exception {
        Files.writeString(tmp.resolve("key"), KEY + "\n");
        write("reference/org_units.csv", "unit_id;unit_name;area_id;area_name;valid_from;valid_to\n"
                + "U1;Avdelning 1;A;Område A;2020-01-01;\nU2;Avdelning 2;A;Område A;2020-01-01;\n");
        write("reference/parameters.csv", "year;fte_norm_hours\n2025;1800\n");
        ReferenceFixtures.writeShipped(tmp.resolve("landing"), ReferenceData.ACCOUNTS); // 4010, 4710: the default plan's
        write("ledger/huvudbok-2025-02.csv", "period;cost_center;account;amount\n202502;U1;4010;300000\n"
                + "202502;U2;4710;33000\n");
        write("hr/tid-2025-02.csv", hrMonth(2, new double[] {0, 0, 8, 8, 6}, true));

        LoadRecord first = load();

        assertThat(first.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        FileOutcome hr = first.files().stream().filter(f -> f.source().equals("hr")).findFirst().orElseThrow();
        assertThat(hr.rowsQuarantined()).isEqualTo(1);
        assertThat(hr.reconciled()).isTrue();
        WarehouseLayout layout = new WarehouseLayout(tmp.resolve("warehouse"));
        try (Connection catalogue = Catalogue.openReadOnly(layout)) {
            // scheduled 11 × 5 × 8 = 440; sick 8 + 8 + 6 = 22 → 5 %; all 22 h on days 1–3 of the spell
            assertThat(kpi(catalogue, "sick_leave_pct", 202502, "unit", "U1")).isEqualTo("5|22|440|false");
            assertThat(kpi(catalogue, "sick_leave_pct_days_1_14", 202502, "total", "TOTAL")).isEqualTo("5|22|440|false");
            // women: N01–N10 = 10 employees → suppressed; men: N11 alone → suppressed
            assertThat(kpi(catalogue, "sick_leave_pct_women", 202502, "total", "TOTAL")).isEqualTo("null|null|null|true");
            assertThat(kpi(catalogue, "sick_leave_pct_men", 202502, "total", "TOTAL")).isEqualTo("null|null|null|true");
            // worked: 440 − 22 + 2 overtime + 30 agency = 450 (the 12 h on call do not count); fte 450 ÷ 150 = 3
            assertThat(kpi(catalogue, "worked_hours", 202502, "total", "TOTAL")).isEqualTo("450|450|null|false");
            assertThat(kpi(catalogue, "fte", 202502, "total", "TOTAL")).isEqualTo("3|450|150|false");
            // (300 000 + 33 000) ÷ 450 = 740 kr per worked hour
            assertThat(kpi(catalogue, "cost_per_worked_hour", 202502, "area", "A")).isEqualTo("740|333000|450|false");
            // analysts see where the line is and what is wrong with it, none of its content
            assertThat(rows(catalogue, "SELECT source_file, raw_line IS NULL, reason LIKE 'hours ''…'' are negative%'"
                    + " FROM meta.quarantine WHERE source = 'hr'"))
                    .containsExactly("hr/tid-2025-02.csv|true|true");
            assertNothingPersonal(catalogue);
        }

        // Second load: March only. N01's spell continues from February: days 27–31, all on days 15–90.
        write("hr/tid-2025-03.csv", hrMonth(3, new double[] {8, 8, 8, 8, 8}, false));
        LoadRecord second = load();

        assertThat(second.files()).extracting(FileOutcome::path, FileOutcome::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ledger/huvudbok-2025-02.csv", FileOutcome.Status.SKIPPED_ALREADY_LOADED),
                org.assertj.core.groups.Tuple.tuple("hr/tid-2025-02.csv", FileOutcome.Status.SKIPPED_ALREADY_LOADED),
                org.assertj.core.groups.Tuple.tuple("hr/tid-2025-03.csv", FileOutcome.Status.LOADED));
        try (Connection catalogue = Catalogue.openReadOnly(layout)) {
            // 40 sick of 440 scheduled = 9,0909 %, none of it on days 1–14
            assertThat(kpi(catalogue, "sick_leave_pct_days_15_90", 202503, "unit", "U1"))
                    .isEqualTo("9.090909|40|440|false");
            assertThat(kpi(catalogue, "sick_leave_pct_days_1_14", 202503, "unit", "U1")).isEqualTo("0|0|440|false");
            // ytd March: February's 22 h on days 1–14, March's 40 h on 15–90, of 880 scheduled hours
            assertThat(rows(catalogue, "SELECT round(value, 4), numerator, denominator FROM kpi.kpi_values"
                    + " WHERE kpi_id = 'sick_leave_pct_days_1_14' AND period = 202503 AND time_window = 'ytd'"
                    + " AND org_level = 'total'")).containsExactly("2.5|22|880");
            assertNothingPersonal(catalogue);
        }
    }

    private static String kpi(Connection catalogue, String kpiId, int period, String level, String org)
            throws SQLException {
        List<String> found = rows(catalogue, "SELECT round(value, 6), numerator, denominator, suppressed FROM"
                + " kpi.kpi_values WHERE kpi_id = '" + kpiId + "' AND period = " + period + " AND time_window = 'month'"
                + " AND org_level = '" + level + "' AND org_id = '" + org + "'");
        return found.isEmpty() ? "no row" : found.get(0);
    }

    /**
     * Every column of every table and view in the catalogue, read as text, holds neither a delivered
     * employee id nor a pseudonym; no view reads restricted storage.
     */
    private static void assertNothingPersonal(Connection catalogue) throws SQLException {
        PseudonymKey key = PseudonymKey.of(KEY, "test");
        List<String> secrets = new ArrayList<>(IDS);
        IDS.forEach(id -> secrets.add(key.pseudonym(id)));
        assertThat(secrets).allMatch(s -> s.matches("[0-9a-z-]+")); // no regular-expression characters
        String pattern = String.join("|", secrets);
        // the scan finds what it looks for
        assertThat(rows(catalogue, "SELECT regexp_matches('x" + key.pseudonym(IDS.get(4)) + "y', '" + pattern + "')"))
                .containsExactly("true");
        List<String> columns = rows(catalogue, "SELECT table_schema || '.' || table_name || '|' || column_name"
                + " FROM information_schema.columns WHERE table_schema NOT IN ('information_schema', 'pg_catalog')");
        assertThat(columns).hasSizeGreaterThan(200).contains("fact.hr_time|cost_center", "meta.quarantine|raw_line",
                "internal.hr_sick_leave|employees");
        for (String column : columns) {
            String[] part = column.split("\\|");
            assertThat(rows(catalogue, "SELECT count(*) FROM " + part[0] + " WHERE regexp_matches(CAST(\"" + part[1]
                    + "\" AS VARCHAR), '" + pattern + "')")).as(column).containsExactly("0");
        }
        assertThat(rows(catalogue, "SELECT count(*) FROM duckdb_views() WHERE sql LIKE '%restricted%'"))
                .containsExactly("0");
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    values.add(value instanceof BigDecimal d
                            ? (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString()) : String.valueOf(value));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
