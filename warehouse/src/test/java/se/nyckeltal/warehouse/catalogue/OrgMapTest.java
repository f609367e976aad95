package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.TestWarehouse;

/** Which version of a unit internal.org_map picks for a period: the structure on its first day. */
class OrgMapTest {
    @TempDir
    Path dir;

    @Test
    void picksTheVersionValidOnTheFirstDayOfThePeriodElseTheNearestOne() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        var reference = w.reference(Map.of("org_units.csv", """
                unit_id;unit_name;area_id;area_name;valid_from;valid_to
                C1;Stängd;Z;Område Z;2018-01-01;2019-12-31
                C1;Stängd;A;Område A;2020-01-01;2025-06-30
                O1;Ny;B;Område B;2026-06-01;2026-12-31
                O1;Ny;C;Område C;2027-01-01;
                V1;Växlar;A;Område A;2020-01-01;2026-02-01
                V1;Växlar;B;Område B;2026-02-01;
                """));
        var partitions = w.ledger(202602, "ACTUAL", "C1", "4010", "1")
                .ledger(202602, "ACTUAL", "O1", "4010", "1")
                .ledger(202602, "ACTUAL", "V1", "4010", "1")
                .ledger(202601, "ACTUAL", "V1", "4010", "1")
                .writeLedger("L1");
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference, List.of());

        try (Connection catalogue = Catalogue.openReadOnly(w.layout())) {
            assertThat(TestWarehouse.rows(catalogue, "SELECT period, cost_center, unit_id, area_id FROM internal.org_map"
                    + " WHERE period IN (202601, 202602) ORDER BY period, cost_center"))
                    .containsExactly(
                            "202601|C1|C1|A",
                            "202601|O1|O1|B",
                            "202601|V1|V1|A",
                            // C1 closed on 2025-06-30: its latest version that started before 2026-02-01
                            "202602|C1|C1|A",
                            // O1 opens on 2026-06-01: its earliest version
                            "202602|O1|O1|B",
                            // both versions of V1 hold on 2026-02-01 (valid_to inclusive): the later valid_from
                            "202602|V1|V1|B");
        }
    }
}
