package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * drg_per_fte from production and HR landing files: DRG points ÷ årsarbetare of the window one month
 * earlier, over the units with DRG points in it (SPEC §5).
 *
 * <pre>
 * default org units: 1050 Kirurgkliniken and 1060 Ortopedkliniken in AKUT, 2010 Vårdcentral Centrum in NARA
 * norm 1 725 h a year = 143.75 h a month
 * DRG points (production):  2024-12: 1050 100, 1060 50   2025-01: 1050 120, 1060 60   2025-02: none yet
 * worked hours (HR), each of 2024-12, 2025-01 and 2025-02, 8 h on weekdays — groups of 11 or more, so nothing is
 * suppressed (HrPrivacyTest has the small groups):
 *   1050: 22 nurses, 8 h × 20 days each = 3 520 h;  1060: 11 nurses, 8 h × 15 days = 1 320 h;
 *   2010: 11 nurses, 8 h × 20 days = 1 760 h (no DRG points: left out of the denominator)
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class DrgPerFteEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void drgPointsPerFteUseTheLaggedWindowAndOnlyUnitsWithDrgPoints() throws Exception {
        write("production/drg.csv", "period;unit;contact_type;volume\n"
                + "202412;1050;DRG_POINTS;100\n202412;1060;DRG_POINTS;50\n"
                + "202501;1050;DRG_POINTS;120\n202501;1060;DRG_POINTS;60\n"
                + "202502;1050;DOCTOR_VISIT;10\n");
        StringBuilder hr = new StringBuilder("date;employee_id;cost_center;staff_category;profession;gender;birth_year;"
                + "hour_type;hours\n");
        for (String month : new String[] {"2024-12", "2025-01", "2025-02"}) {
            for (int i = 1; i <= 22; i++) {
                worked(hr, month, "A" + i, "1050", 20);
            }
            for (int i = 1; i <= 11; i++) {
                worked(hr, month, "B" + i, "1060", 15);
                worked(hr, month, "C" + i, "2010", 20);
            }
        }
        write("hr/tid.csv", hr.toString());
        // Units 1050, 1060 and 2010 are the demo region's: deliver its org units (and accounts, which a load needs).
        ReferenceFixtures.writeShipped(tmp.resolve("landing"), ReferenceData.ORG_UNITS, ReferenceData.ACCOUNTS);
        LoadRecord record = new LoadJob(new LoadSettings(tmp.resolve("landing"), tmp.resolve("warehouse"),
                LoadSettings.DEFAULT_REJECT_THRESHOLD, null), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(),
                LoadProgress.SILENT).run();
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);

        // month at 2025-02 → January 2025: 180 points ÷ ((3 520 + 1 320) ÷ 143.75) = 180 × 143.75 ÷ 4 840 = 5.346074
        Map<String, BigDecimal[]> feb = values("period = 202502 AND time_window = 'month'");
        assertThat(feb.get("total:TOTAL")[0].doubleValue()).isCloseTo(5.346074, within(1e-5));
        assertThat(feb.get("total:TOTAL")[1]).isEqualByComparingTo("180");
        assertThat(feb.get("total:TOTAL")[2].doubleValue()).isCloseTo(4840 / 143.75, within(1e-5));
        // previous year (January 2024) has no data
        assertThat(feb.get("total:TOTAL")[3]).isNull();
        // unit 1050 alone: 120 × 143.75 ÷ 3 520 = 4.900568; area AKUT holds both DRG units; NARA has none
        assertThat(feb.get("unit:1050")[0].doubleValue()).isCloseTo(4.900568, within(1e-5));
        assertThat(feb.get("area:AKUT")[0].doubleValue()).isCloseTo(5.346074, within(1e-5));
        assertThat(feb).doesNotContainKey("area:NARA");
        // ytd at 2025-02 → January 2025 only: the same as the month
        assertThat(values("period = 202502 AND time_window = 'ytd'").get("total:TOTAL")[0].doubleValue())
                .isCloseTo(5.346074, within(1e-5));
        // month at 2025-01 → December 2024: 150 × 143.75 ÷ 4 840 = 4.455062
        assertThat(values("period = 202501 AND time_window = 'month'").get("total:TOTAL")[0].doubleValue())
                .isCloseTo(4.455062, within(1e-5));
        // ytd at 2025-01 → the whole of 2024 (12 months, norm 1 725 h): 150 ÷ (4 840 ÷ 1725) = 53.460744
        assertThat(values("period = 202501 AND time_window = 'ytd'").get("total:TOTAL")[0].doubleValue())
                .isCloseTo(53.460744, within(1e-4));
    }

    /** {@code days} weekdays of 8 worked hours from the first of the month. */
    private static void worked(StringBuilder csv, String month, String employee, String unit, int days) {
        LocalDate day = LocalDate.parse(month + "-01");
        for (int written = 0; written < days; day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                csv.append(day).append(';').append(employee).append(';').append(unit)
                        .append(";OWN;NURSE;K;1980;WORKED;8\n");
                written++;
            }
        }
    }

    /** value, numerator, denominator, previous_year_value of drg_per_fte by "org_level:org_id". */
    private Map<String, BigDecimal[]> values(String where) throws SQLException {
        Map<String, BigDecimal[]> byOrg = new LinkedHashMap<>();
        try (Connection c = Catalogue.openReadOnly(new WarehouseLayout(tmp.resolve("warehouse")));
                PreparedStatement s = c.prepareStatement("SELECT org_level, org_id, value, numerator, denominator,"
                        + " previous_year_value FROM kpi.kpi_values WHERE kpi_id = 'drg_per_fte' AND " + where);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byOrg.put(rs.getString(1) + ":" + rs.getString(2), new BigDecimal[] {rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)});
            }
        }
        return byOrg;
    }

    private void write(String path, String text) throws IOException {
        Path file = tmp.resolve("landing").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
