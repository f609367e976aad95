package se.nyckeltal.jobs.faults;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.LedgerLandingFixtures;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadProgress;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.catalogue.Catalogue;

/**
 * The warehouse the fault tests break: the ledger fixture of {@code LedgerEndToEndTest} loaded, then a
 * March delivery ({@link #MARCH}: 500 kr of salaries at U1, 2025-03) that the interrupted load brings.
 */
final class FaultWarehouse {
    static final String MARCH = "period;kst;konto;belopp\n202503;U1;4010;500.00\n";

    final Path landing;
    final Path warehouse;
    final WarehouseLayout layout;
    final WarehouseStore store;

    FaultWarehouse(Path root) {
        this.landing = root.resolve("landing");
        this.warehouse = root.resolve("warehouse");
        this.layout = new WarehouseLayout(warehouse);
        this.store = new WarehouseStore(layout);
    }

    /** The fixture's landing zone, loaded and published. */
    FaultWarehouse published() throws IOException {
        LedgerLandingFixtures.write(landing);
        load();
        return this;
    }

    /**
     * A copy of this landing zone and warehouse (and its key) under {@code root}: a published warehouse
     * costs one load, a copy milliseconds. Nothing in a warehouse holds an absolute path (SPEC §6).
     */
    FaultWarehouse copyTo(Path root) throws IOException {
        FaultWarehouse copy = new FaultWarehouse(root);
        copyTree(landing, copy.landing);
        copyTree(warehouse, copy.warehouse);
        Files.copy(Path.of(LoadProcess.keyFile(warehouse)), Path.of(LoadProcess.keyFile(copy.warehouse))
                .resolveSibling("pseudonym.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    FaultWarehouse deliverMarch() throws IOException {
        LedgerLandingFixtures.write(landing.resolve("ledger/huvudbok-2025-03.csv"), StandardCharsets.UTF_8, MARCH);
        return this;
    }

    /** A load in this JVM (the shared SparkSession), as the next night's load. */
    LoadRecord load() throws IOException {
        return new LoadJob(settings(), () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT)
                .run();
    }

    LoadSettings settings() throws IOException {
        return new LoadSettings(landing, warehouse, new BigDecimal("0.2"), Path.of(LoadProcess.keyFile(warehouse)));
    }

    /** What analysts see: ledger amount per scenario and period, and the KPI values' count and sum. */
    List<String> published_figures() throws SQLException {
        return figures(layout);
    }

    /** As {@link #published_figures()}, of any warehouse (a local mirror of one on HDFS). */
    static List<String> figures(WarehouseLayout layout) throws SQLException {
        try (Connection c = Catalogue.openReadOnly(layout)) {
            List<String> rows = rows(c, "SELECT scenario, period, CAST(sum(amount) AS DECIMAL(18,2)) FROM fact.ledger"
                    + " GROUP BY ALL ORDER BY ALL");
            rows.addAll(rows(c, "SELECT count(*), CAST(sum(value) AS DECIMAL(38,2)) FROM kpi.kpi_values"));
            return rows;
        }
    }

    List<String> query(String sql) throws SQLException {
        try (Connection c = Catalogue.openReadOnly(layout)) {
            return rows(c, sql);
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(r.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /** Every file and folder under the warehouse, relative, for asserting on leftovers. */
    List<String> tree() throws IOException {
        try (Stream<Path> paths = Files.walk(warehouse)) {
            return paths.map(p -> layout.relative(p)).sorted().toList();
        }
    }

    LoadRecord record(String loadId) {
        return store.loadRecords().stream().filter(r -> r.loadId().equals(loadId)).findFirst().orElseThrow();
    }
}
