package se.nyckeltal.warehouse.report;

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
 * A small region with all three sources for the report's tests: the ledger of {@link RegionFixture}, the
 * production of {@link ProductionFixture}, and HR time:
 *
 * <pre>
 * U1  E01–E11 (own staff; E01–E06 K, E07–E11 M)
 *       2025-02  worked 250, scheduled 160, no sick leave
 *       2026-01  worked 210
 *       2026-02  worked 140 + overtime 10, scheduled 160; E01 sick 44 (days 1–14), E02 sick 44 (days 15–90)
 *     A01 agency, 2026-02 worked 100
 * U2  G01 (own, M), 2026-02 worked 90, scheduled 100, sick 10 (days 91–365): one employee, so U2's sick leave
 *     is suppressed (NULL, suppressed = true) and the report prints '*'
 * </pre>
 *
 * U1's sick leave, ytd February 2026: (44 + 44) ÷ (11 × 160) × 100 = 5,0 %; a year earlier 0 ÷ 1 760 = 0,0 %.
 */
public final class ReportFixture {
    private ReportFixture() {}

    public static WarehouseLayout publish(Path dir) {
        TestWarehouse w = new TestWarehouse(dir);
        RegionFixture.addLedger(w);
        List<FactPartition> partitions = new ArrayList<>(w.writeLedger("L1"));
        partitions.addAll(ProductionFixture.region().write(w.layout(), "L1"));
        HrFixture hr = new HrFixture(w.layout());
        for (int i = 1; i <= 11; i++) {
            String e = String.format("p-E%02d", i);
            String gender = i <= 6 ? "K" : "M";
            hr.add(new EmployeeMonth(202502, e, "U1", "OWN", gender, "30_49", 250, 0, 0, 160, 0, 0, 0, 0, 0, 0));
            hr.add(new EmployeeMonth(202601, e, "U1", "OWN", gender, "30_49", 210, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            hr.add(new EmployeeMonth(202602, e, "U1", "OWN", gender, "30_49", 140, 10, 0, 160, i <= 2 ? 44 : 0,
                    i == 1 ? 44 : 0, i == 2 ? 44 : 0, 0, 0, 0));
        }
        hr.add(new EmployeeMonth(202602, "p-A01", "U1", "AGENCY", "M", "50_plus", 100, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202602, "p-G01", "U2", "OWN", "M", "0_29", 90, 0, 0, 100, 10, 0, 0, 10, 0, 0));
        partitions.addAll(hr.write("L1"));
        w.quarantine("L1", "ledger/huvudbok-2026-02.csv", 7, "amount 'tolv' is not a number", "202602;U1;4010;tolv");
        ReferenceData reference = w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS, "kpi_targets.csv",
                RegionFixture.KPI_TARGETS));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        return w.layout();
    }
}
