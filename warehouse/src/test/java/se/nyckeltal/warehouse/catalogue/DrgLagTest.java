package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.warehouse.ProductionFixture;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/** drg_points is reported the month after the DRG month, even before that month has any production. */
class DrgLagTest {
    @TempDir
    Path dir;

    @Test
    void decemberDrgIsReportedInJanuaryOfTheNextYear() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        // Only DRG points: January, November and December 2025.
        List<FactPartition> partitions = new ProductionFixture()
                .row(202501, "ACTUAL", "U1", "OWN", "DRG_POINTS", "40")
                .row(202511, "ACTUAL", "U1", "OWN", "DRG_POINTS", "30")
                .row(202512, "ACTUAL", "U1", "OWN", "DRG_POINTS", "100.5")
                .write(w.layout(), "L1");
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions),
                w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS)), List.of());
        try (Connection catalogue = Catalogue.openReadOnly(w.layout())) {
            // 202601: month = December 100.5; ytd = all of 2025: 40 + 30 + 100.5 = 170.5
            assertThat(TestWarehouse.rows(catalogue, "SELECT time_window, value FROM kpi.kpi_values"
                    + " WHERE kpi_id = 'drg_points' AND period = 202601 AND org_level = 'total' ORDER BY time_window"))
                    .containsExactly("month|100.5", "ytd|170.5");
            // 202502 shows January: 40; the other production KPIs only where production was delivered
            assertThat(TestWarehouse.rows(catalogue, "SELECT kpi_id, period, value FROM kpi.kpi_values"
                    + " WHERE time_window = 'month' AND org_level = 'total' ORDER BY period, kpi_id")).containsExactly(
                    "production.DRG_POINTS|202501|40", "weighted_care_services|202501|0",
                    "drg_points|202502|40",
                    "production.DRG_POINTS|202511|30", "weighted_care_services|202511|0",
                    "drg_points|202512|30", "production.DRG_POINTS|202512|100.5", "weighted_care_services|202512|0",
                    "drg_points|202601|100.5");
        }
    }
}
