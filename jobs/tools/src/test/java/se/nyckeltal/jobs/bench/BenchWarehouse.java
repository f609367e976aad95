package se.nyckeltal.jobs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.HrFixture;
import se.nyckeltal.warehouse.HrFixture.EmployeeMonth;
import se.nyckeltal.warehouse.ProductionFixture;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

/**
 * A small published warehouse with every source, so each typical query has rows: the KPI tests'
 * region ledger and production (RegionFixture, ProductionFixture; actuals up to 202602) and twelve
 * nurses on U1 in 202601 and 202602, two of them off sick.
 */
final class BenchWarehouse {
    private BenchWarehouse() {}

    static WarehouseLayout publish(Path dir) {
        TestWarehouse w = new TestWarehouse(dir);
        RegionFixture.addLedger(w);
        List<FactPartition> partitions = new ArrayList<>(w.writeLedger("L1"));
        partitions.addAll(ProductionFixture.region().write(w.layout(), "L1"));
        HrFixture hr = new HrFixture(w.layout());
        for (int period : new int[] {202601, 202602}) {
            for (int i = 1; i <= 12; i++) {
                double sick = i <= 2 ? 16 : 0;
                hr.add(new EmployeeMonth(period, String.format("p-E%02d", i), "U1", "OWN", i <= 6 ? "K" : "M", "30_49",
                        150, 5, 0, 160, sick, sick, 0, 0, 0, 0));
            }
        }
        partitions.addAll(hr.write("L1"));
        ReferenceData reference = w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS,
                "kpi_targets.csv", RegionFixture.KPI_TARGETS));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        return w.layout();
    }
}
