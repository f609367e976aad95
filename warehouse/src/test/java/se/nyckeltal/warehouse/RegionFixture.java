package se.nyckeltal.warehouse;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.Snapshot;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.CataloguePublisher;

/**
 * A small region the KPI tests compute by hand. Accounts are the shipped defaults:
 * 3010 Patientavgifter (I10), 3210 Regionersättning (I30, internal_allocation), 4010 Personalkostnader
 * (K10, personnel), 4110 (K10, personnel + overtime), 4710 (K10, personnel + agency), 5010 Köpt vård
 * (K20). 9999 and ABC are in no range.
 *
 * <pre>
 * org_units: U1 Akuten      area A                      (whole time)
 *            U2 Hjälpmedel  area A until 2025-12-31, area B from 2026-01-01   (moved on 1 Jan)
 *            U3 Röntgen     area B
 *            U4 Labb        area B (budget only)
 *            X9             unknown cost centre → UNMAPPED
 *
 * ledger (ledger sign: cost +, revenue −)
 * ACTUAL   202401  U1 4010 200
 * ACTUAL   202402  U1 4010 1000, U1 3010 −500, U2 4010 1000, U3 5010 500
 * ACTUAL   202501  U1 4010 900, U2 4010 500
 * ACTUAL   202502  U1 4010 1600, U1 3010 −800, U1 3210 −4000, U2 4010 1000, U3 5010 1000
 * ACTUAL   202512  U1 4010 400, U2 4010 100
 * ACTUAL   202601  U1 4010 1000, U2 4010 500, U3 5010 200, U3 ABC 10
 * ACTUAL   202602  U1 3010 −1000, U1 3210 −5000, U1 4010 2000, U1 4110 300, U1 4710 700, U1 5010 1000,
 *                  U1 9999 50, U2 4010 1500, U2 3010 −500, U3 5010 800, X9 4010 100
 * BUDGET   202601  U1 4010 1000
 * BUDGET   202602  U1 4010 2500, U1 3010 −1000, U1 3210 −5000, U3 5010 1000, U4 5010 400
 * BUDGET   202612  U1 4010 1000
 * FORECAST 202612  U1 4010 30000, U1 3010 −12000
 * </pre>
 */
public final class RegionFixture {
    public static final String ORG_UNITS = """
            unit_id;unit_name;area_id;area_name;valid_from;valid_to
            U1;Akuten;A;Område A;2020-01-01;
            U2;Hjälpmedel;A;Område A;2020-01-01;2025-12-31
            U2;Hjälpmedel;B;Område B;2026-01-01;
            U3;Röntgen;B;Område B;2020-01-01;
            U4;Labb;B;Område B;2020-01-01;
            """;

    public static final String KPI_TARGETS = """
            kpi_id;year;target
            cost;2026;5000
            gross_cost_development_pct;2026;3,5
            """;

    private RegionFixture() {}

    public static void addLedger(TestWarehouse w) {
        w.ledger(202401, "ACTUAL", "U1", "4010", "200");

        w.ledger(202402, "ACTUAL", "U1", "4010", "1000")
                .ledger(202402, "ACTUAL", "U1", "3010", "-500")
                .ledger(202402, "ACTUAL", "U2", "4010", "1000")
                .ledger(202402, "ACTUAL", "U3", "5010", "500");

        w.ledger(202501, "ACTUAL", "U1", "4010", "900")
                .ledger(202501, "ACTUAL", "U2", "4010", "500");

        w.ledger(202502, "ACTUAL", "U1", "4010", "1600")
                .ledger(202502, "ACTUAL", "U1", "3010", "-800")
                .ledger(202502, "ACTUAL", "U1", "3210", "-4000")
                .ledger(202502, "ACTUAL", "U2", "4010", "1000")
                .ledger(202502, "ACTUAL", "U3", "5010", "1000");

        w.ledger(202512, "ACTUAL", "U1", "4010", "400")
                .ledger(202512, "ACTUAL", "U2", "4010", "100");

        w.ledger(202601, "ACTUAL", "U1", "4010", "1000")
                .ledger(202601, "ACTUAL", "U2", "4010", "500")
                .ledger(202601, "ACTUAL", "U3", "5010", "200")
                .ledger(202601, "ACTUAL", "U3", "ABC", "10");

        w.ledger(202602, "ACTUAL", "U1", "3010", "-1000")
                .ledger(202602, "ACTUAL", "U1", "3210", "-5000")
                .ledger(202602, "ACTUAL", "U1", "4010", "2000")
                .ledger(202602, "ACTUAL", "U1", "4110", "300")
                .ledger(202602, "ACTUAL", "U1", "4710", "700")
                .ledger(202602, "ACTUAL", "U1", "5010", "1000")
                .ledger(202602, "ACTUAL", "U1", "9999", "50")
                .ledger(202602, "ACTUAL", "U2", "4010", "1500")
                .ledger(202602, "ACTUAL", "U2", "3010", "-500")
                .ledger(202602, "ACTUAL", "U3", "5010", "800")
                .ledger(202602, "ACTUAL", "X9", "4010", "100");

        w.ledger(202601, "BUDGET", "U1", "4010", "1000");
        w.ledger(202602, "BUDGET", "U1", "4010", "2500")
                .ledger(202602, "BUDGET", "U1", "3010", "-1000")
                .ledger(202602, "BUDGET", "U1", "3210", "-5000")
                .ledger(202602, "BUDGET", "U3", "5010", "1000")
                .ledger(202602, "BUDGET", "U4", "5010", "400");
        w.ledger(202612, "BUDGET", "U1", "4010", "1000");

        w.ledger(202612, "FORECAST", "U1", "4010", "30000")
                .ledger(202612, "FORECAST", "U1", "3010", "-12000");
    }

    /** Writes the fixture, publishes it as snapshot S1 of load L1 and returns the warehouse layout. */
    public static WarehouseLayout publish(Path tempDir) {
        TestWarehouse w = new TestWarehouse(tempDir);
        addLedger(w);
        List<FactPartition> partitions = w.writeLedger("L1");
        w.quarantine("L1", "ledger/huvudbok-2026-02.csv", 7, "amount 'tolv' is not a number", "202602;U1;4010;tolv");
        ReferenceData reference = w.reference(Map.of("org_units.csv", ORG_UNITS, "kpi_targets.csv", KPI_TARGETS));
        Snapshot snapshot = TestWarehouse.snapshot("S1", "L1", partitions);
        new CataloguePublisher(w.layout()).publish(snapshot, reference, List.of(load()));
        return w.layout();
    }

    /** Load L1: one file with a quarantined row, and one file that does not reconcile. */
    public static LoadRecord load() {
        FileOutcome loaded = new FileOutcome("ledger", "ledger/huvudbok-2026-02.csv", "abc123", FileOutcome.Status.LOADED,
                "UTF-8", ";", 12, 11, 1, 1, 0, new BigDecimal("1000.00"), new BigDecimal("1000.00"),
                BigDecimal.ZERO, BigDecimal.ZERO, true, List.of("ACTUAL:202602"), null);
        FileOutcome broken = new FileOutcome("ledger", "ledger/budget-2026.csv", "def456", FileOutcome.Status.LOADED,
                "UTF-8", ";", 5, 5, 0, 0, 0, new BigDecimal("500.00"), new BigDecimal("450.00"),
                BigDecimal.ZERO, BigDecimal.ZERO, false, List.of("BUDGET:202601", "BUDGET:202602"),
                null);
        return new LoadRecord("L1", Instant.parse("2026-03-05T01:59:00Z"),
                Instant.parse("2026-03-05T02:00:00Z"), LoadRecord.Outcome.PUBLISHED, "S1", "/landing",
                "2 files", List.of(loaded, broken));
    }
}
