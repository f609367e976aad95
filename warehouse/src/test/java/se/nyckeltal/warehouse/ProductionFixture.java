package se.nyckeltal.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.nyckeltal.schemas.reference.ContactWeights;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

/**
 * A small region's production, worked out by hand in the production KPI and table tests. Org units
 * are {@link RegionFixture#ORG_UNITS}: U1 in area A; U2 in A until 2025-12-31, in B from 2026-01-01;
 * U3 and U4 in B; X9 unknown. Contact types and weights are the shipped defaults (DOCTOR_VISIT 1.0,
 * OTHER_VISIT 0.5, DISCHARGE_SOMATIC 4.0; beds, bed days somatic and DRG points unweighted);
 * GRUPPBESOK is not a contact type (UNMAPPED).
 *
 * <pre>
 * ACTUAL       unit provider              contact type          202501 202502 202511 202512 202601 202602
 *              U1   OWN                   DOCTOR_VISIT             80     90                   100    120
 *              U1   OWN                   DRG_POINTS               40            30  100.5   50.25
 *              U1   OWN                   DISCHARGE_SOMATIC                                     10      2
 *              U1   OWN                   BED_DAYS_SOMATIC                                      50     20
 *              U1   OWN                   OCCUPIED_BEDS_0600                                   900
 *              U1   OWN                   AVAILABLE_BEDS                                      1000
 *              U1   PRIVATE_PROVIDER      DOCTOR_VISIT                                          20
 *              U2   REGION_PRIMARY_CARE   DOCTOR_VISIT            180                          200
 *              U4   PRIVATE_PRIMARY_CARE  DOCTOR_VISIT            250                          300
 *              U3   OWN                   DISCHARGE_SOMATIC                                      2
 *              U3   OWN                   BED_DAYS_SOMATIC                                       2
 *              U3   OWN                   OCCUPIED_BEDS_0600                                    50
 *              U3   OWN                   AVAILABLE_BEDS                                       100
 *              U3   OWN                   GRUPPBESOK                                             7
 *              X9   OWN                   OTHER_VISIT                                           10
 * BUDGET       U1   OWN                   DOCTOR_VISIT     202601: 110, 202602: 100, 202612: 1000
 *              U1   PRIVATE_PROVIDER      DOCTOR_VISIT     202601: 25
 * FORECAST     U1   OWN                   DOCTOR_VISIT     202612: 1300
 * </pre>
 */
public final class ProductionFixture {
    private final Map<String, List<String>> rowsByPartition = new TreeMap<>();
    private final ContactWeights weights = ReferenceData.defaults().contactWeights();

    public ProductionFixture row(int period, String scenario, String unit, String provider, String contactType,
            String volume) {
        BigDecimal value = new BigDecimal(volume);
        BigDecimal weighted = weights.weight(contactType, period / 100).map(value::multiply).orElse(BigDecimal.ZERO)
                .setScale(4, RoundingMode.HALF_UP);
        rowsByPartition.computeIfAbsent(scenario + ":" + period, k -> new ArrayList<>()).add("(" + period + ", '"
                + scenario + "', '" + unit + "', '" + provider + "', '" + contactType + "', " + value.toPlainString()
                + ", " + weighted.toPlainString() + ")");
        return this;
    }

    public static ProductionFixture region() {
        ProductionFixture p = new ProductionFixture();
        p.row(202501, "ACTUAL", "U1", "OWN", "DOCTOR_VISIT", "80")
                .row(202502, "ACTUAL", "U1", "OWN", "DOCTOR_VISIT", "90")
                .row(202601, "ACTUAL", "U1", "OWN", "DOCTOR_VISIT", "100")
                .row(202602, "ACTUAL", "U1", "OWN", "DOCTOR_VISIT", "120")
                .row(202501, "ACTUAL", "U1", "OWN", "DRG_POINTS", "40")
                .row(202511, "ACTUAL", "U1", "OWN", "DRG_POINTS", "30")
                .row(202512, "ACTUAL", "U1", "OWN", "DRG_POINTS", "100.5")
                .row(202601, "ACTUAL", "U1", "OWN", "DRG_POINTS", "50.25")
                .row(202601, "ACTUAL", "U1", "OWN", "DISCHARGE_SOMATIC", "10")
                .row(202602, "ACTUAL", "U1", "OWN", "DISCHARGE_SOMATIC", "2")
                .row(202601, "ACTUAL", "U1", "OWN", "BED_DAYS_SOMATIC", "50")
                .row(202602, "ACTUAL", "U1", "OWN", "BED_DAYS_SOMATIC", "20")
                .row(202601, "ACTUAL", "U1", "OWN", "OCCUPIED_BEDS_0600", "900")
                .row(202601, "ACTUAL", "U1", "OWN", "AVAILABLE_BEDS", "1000")
                .row(202601, "ACTUAL", "U1", "PRIVATE_PROVIDER", "DOCTOR_VISIT", "20")
                .row(202501, "ACTUAL", "U2", "REGION_PRIMARY_CARE", "DOCTOR_VISIT", "180")
                .row(202601, "ACTUAL", "U2", "REGION_PRIMARY_CARE", "DOCTOR_VISIT", "200")
                .row(202501, "ACTUAL", "U4", "PRIVATE_PRIMARY_CARE", "DOCTOR_VISIT", "250")
                .row(202601, "ACTUAL", "U4", "PRIVATE_PRIMARY_CARE", "DOCTOR_VISIT", "300")
                .row(202601, "ACTUAL", "U3", "OWN", "DISCHARGE_SOMATIC", "2")
                .row(202601, "ACTUAL", "U3", "OWN", "BED_DAYS_SOMATIC", "2")
                .row(202601, "ACTUAL", "U3", "OWN", "OCCUPIED_BEDS_0600", "50")
                .row(202601, "ACTUAL", "U3", "OWN", "AVAILABLE_BEDS", "100")
                .row(202601, "ACTUAL", "U3", "OWN", "GRUPPBESOK", "7")
                .row(202601, "ACTUAL", "X9", "OWN", "OTHER_VISIT", "10")
                .row(202601, "BUDGET", "U1", "OWN", "DOCTOR_VISIT", "110")
                .row(202602, "BUDGET", "U1", "OWN", "DOCTOR_VISIT", "100")
                .row(202612, "BUDGET", "U1", "OWN", "DOCTOR_VISIT", "1000")
                .row(202601, "BUDGET", "U1", "PRIVATE_PROVIDER", "DOCTOR_VISIT", "25")
                .row(202612, "FORECAST", "U1", "OWN", "DOCTOR_VISIT", "1300");
        return p;
    }

    /** Writes the production fact (one Parquet file per scenario and period) and publishes it alone. */
    public static WarehouseLayout publish(Path dir) {
        TestWarehouse w = new TestWarehouse(dir);
        List<FactPartition> partitions = region().write(w.layout(), "L1");
        ReferenceData reference = w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        return w.layout();
    }

    public List<FactPartition> write(WarehouseLayout layout, String loadId) {
        List<FactPartition> partitions = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (Map.Entry<String, List<String>> partition : rowsByPartition.entrySet()) {
                String scenario = partition.getKey().split(":")[0];
                int period = Integer.parseInt(partition.getKey().split(":")[1]);
                Path file = layout.factPartitionDir("production", period)
                        .resolve(scenario + "-" + loadId + "-00000.parquet");
                Files.createDirectories(file.getParent());
                String sourceFile = "production/produktion-" + loadId + ".csv";
                statement.execute("COPY (SELECT CAST(period AS INTEGER) AS period, scenario, unit, provider, contact_type,"
                        + " CAST(volume AS DECIMAL(18,4)) AS volume, CAST(weighted AS DECIMAL(18,4)) AS weighted_volume, '"
                        + sourceFile + "' AS source_file, '" + loadId + "' AS load_id FROM (VALUES "
                        + String.join(", ", partition.getValue())
                        + ") AS v(period, scenario, unit, provider, contact_type, volume, weighted)) TO '" + file
                        + "' (FORMAT parquet)");
                partitions.add(new FactPartition("production", scenario, period, List.of(layout.relative(file)),
                        sourceFile, loadId, partition.getValue().size()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return partitions;
    }
}
