package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.warehouse.HrFixture;
import se.nyckeltal.warehouse.HrFixture.EmployeeMonth;
import se.nyckeltal.warehouse.RegionFixture;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * The worked-time groups count each employee once per org, window and population, however many cost centres,
 * months or professions the employee's hours come from (temp.hr_worked_groups counts employees with one row in a
 * window directly and the others per employee): the count decides small-group suppression, the hours add up.
 */
class HrWorkedGroupsTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        HrFixture hr = new HrFixture(w.layout());
        // Area B (U2, U3, U4 in 2026). February: nine nurses at U3 and M01, who works at U3 and U4 → 10 employees.
        // March: the same and N10 at U3 → 11. M01 is also a doctor at U4 in March (another profession, same unit).
        for (int i = 1; i <= 9; i++) {
            String e = String.format("p-N%02d", i);
            hr.add(new EmployeeMonth(202602, e, "U3", "OWN", "K", "30_49", 100, 0, 0, 100, 0, 0, 0, 0, 0, 0));
            hr.add(new EmployeeMonth(202603, e, "U3", "OWN", "K", "30_49", 100, 0, 0, 100, 0, 0, 0, 0, 0, 0));
        }
        hr.add(new EmployeeMonth(202603, "p-N10", "U3", "OWN", "K", "30_49", 100, 0, 0, 100, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202602, "p-M01", "U3", "OWN", "M", "30_49", 60, 0, 0, 60, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202602, "p-M01", "U4", "OWN", "M", "30_49", 40, 5, 0, 40, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202603, "p-M01", "U3", "OWN", "M", "30_49", 60, 0, 0, 60, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202603, "p-M01", "U4", "OWN", "M", "30_49", 40, 0, 0, 40, 0, 0, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202603, "p-M01", "U4", "OWN", "M", "30_49", 20, 0, 0, 20, 0, 0, 0, 0, 0, 0,
                "DOCTOR"));
        List<FactPartition> partitions = new ArrayList<>(hr.write("L1"));
        ReferenceData reference = w.reference(Map.of("org_units.csv", RegionFixture.ORG_UNITS,
                "parameters.csv", "year;fte_norm_hours\n2026;1800\n"));
        new CataloguePublisher(w.layout()).publish(TestWarehouse.snapshot("S1", "L1", partitions), reference,
                List.of(RegionFixture.load()));
        catalogue = Catalogue.openReadOnly(w.layout());
    }

    @AfterAll
    static void close() throws SQLException {
        catalogue.close();
    }

    private static List<String> worked(int period, String window, String level, String org) throws SQLException {
        return TestWarehouse.rows(catalogue, "SELECT s.reason, h.worked_hours FROM internal.hr_suppression AS s"
                + " JOIN internal.hr_window_hours AS h USING (period, time_window, measure, org_level, org_id, population)"
                + " WHERE s.population = 'worked' AND s.measure = 'actual' AND s.period = " + period
                + " AND s.time_window = '" + window + "' AND s.org_level = '" + level + "' AND s.org_id = '" + org + "'");
    }

    @Test
    void anEmployeeAtTwoUnitsOfAnAreaCountsOnceThere() throws SQLException {
        // February: 9 + M01 = 10 employees at area B → a small group, although M01 has two rows there
        assertThat(worked(202602, "month", "area", "B")).containsExactly("small_group|null");
        // March: 11 → no small group; suppressed only because area B − U3 would give U4's one employee
        assertThat(worked(202603, "month", "area", "B")).containsExactly("complementary|null");
    }

    @Test
    void theYearToDateCountsEachEmployeeOnceOverItsMonths() throws SQLException {
        // February + March at area B: 11 distinct employees (N01–N10, M01) → shown, with the hours of every row:
        // February 9 × 100 + 60 + 40 + 5 overtime = 1 005, March 10 × 100 + 60 + 40 + 20 = 1 120 → 2 125
        assertThat(worked(202603, "ytd", "area", "B")).containsExactly("null|2125");
    }
}
