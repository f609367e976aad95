package se.nyckeltal.jobs.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/** A landing folder and a warehouse in a test's temp folder: write files, load them, query the catalogue. */
final class LandingRun {
    private final Path root;

    LandingRun(Path root) {
        this.root = root;
    }

    /**
     * A load with the 1 % default threshold raised to 20 %, so a small fixture may quarantine a row. The
     * fixture region delivers the demo region's org units and chart of accounts unless the test wrote its own
     * (a load requires both in the landing zone).
     */
    LoadRecord load() throws IOException {
        for (String name : ReferenceData.REQUIRED_FILE_NAMES) {
            if (!Files.exists(root.resolve("landing/reference").resolve(name))) {
                ReferenceFixtures.writeShipped(root.resolve("landing"), name);
            }
        }
        return new LoadJob(new LoadSettings(root.resolve("landing"), root.resolve("warehouse"), new BigDecimal("0.20"),
                root.resolve("key")), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT)
                .run();
    }

    LandingRun write(String path, String text) throws IOException {
        return write(path, text, StandardCharsets.UTF_8);
    }

    LandingRun write(String path, String text, Charset charset) throws IOException {
        Path file = root.resolve("landing").resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(charset));
        return this;
    }

    /** Two units in area A, one in area B, valid from 2020. */
    LandingRun orgUnits() throws IOException {
        return write("reference/org_units.csv", "unit_id;unit_name;area_id;area_name;valid_from;valid_to\n"
                + "U1;Enhet 1;A;Område A;2020-01-01;\nU2;Enhet 2;A;Område A;2020-01-01;\n"
                + "U3;Enhet 3;B;Område B;2020-01-01;\n");
    }

    Connection catalogue() throws SQLException {
        return Catalogue.openReadOnly(new WarehouseLayout(root.resolve("warehouse")));
    }

    /** All rows of a query, values joined by '|', decimals without trailing zeros, NULL as "null". */
    static List<String> rows(Connection connection, String sql) throws SQLException {
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

    /** value|numerator|denominator|target_value|previous_year_value|trend of one kpi_values row, or "no row". */
    static String kpi(Connection catalogue, String kpiId, int period, String window, String level, String org)
            throws SQLException {
        List<String> found = rows(catalogue, "SELECT round(value, 4), round(numerator, 4), round(denominator, 4),"
                + " target_value, round(previous_year_value, 4), trend FROM kpi.kpi_values WHERE kpi_id = '" + kpiId
                + "' AND period = " + period + " AND time_window = '" + window + "' AND org_level = '" + level
                + "' AND org_id = '" + org + "'");
        return found.isEmpty() ? "no row" : String.join(" / ", found);
    }
}
