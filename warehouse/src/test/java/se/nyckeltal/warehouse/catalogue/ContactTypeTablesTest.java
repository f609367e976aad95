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

/** dim.contact_type, dim.contact_weight and the production lines of dim.kpi from a region's own contact_types.csv. */
class ContactTypeTablesTest {
    @TempDir
    Path dir;

    @Test
    void weightsPerYearAndARegionsOwnCodes() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", List.of()), w.reference(Map.of(
                "contact_types.csv", """
                        contact_type;name;category;weight;year
                        DOCTOR_VISIT;Läkarbesök 2025;VISIT;1,2;2025
                        DOCTOR_VISIT;Läkarbesök;VISIT;1,0;
                        GROUP_VISIT;Gruppbesök;VISIT;0,4;2026
                        """)), List.of());
        try (Connection catalogue = Catalogue.openReadOnly(w.layout())) {
            // one row per code, in file order; name of the row without a year, else of the latest year
            assertThat(TestWarehouse.rows(catalogue, "SELECT * FROM dim.contact_type ORDER BY ordinal"))
                    .containsExactly("DOCTOR_VISIT|Läkarbesök|VISIT|1|0", "GROUP_VISIT|Gruppbesök|VISIT|null|1");
            assertThat(TestWarehouse.rows(catalogue, "SELECT * FROM dim.contact_weight ORDER BY contact_type, year"))
                    .containsExactly("DOCTOR_VISIT|2025|1.2", "DOCTOR_VISIT|null|1", "GROUP_VISIT|2026|0.4");
            // a code the KPI catalogue does not know still gets its production KPI, named as in the file
            assertThat(TestWarehouse.rows(catalogue, "SELECT kpi_id, name_sv, source FROM dim.kpi"
                    + " WHERE kpi_id = 'production.GROUP_VISIT'")).containsExactly("production.GROUP_VISIT|Gruppbesök|production");
        }
    }
}
