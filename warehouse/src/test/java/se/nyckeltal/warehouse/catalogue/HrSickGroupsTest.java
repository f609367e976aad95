package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 * The sick-leave groups of an employee with own hours at two units of one area in the same window: one employee
 * at the area, whose hours count there when the area holds scheduled hours of theirs, even the sick hours of the
 * unit where they had none. Org structure of 2026 (RegionFixture): U2, U3 in area B.
 *
 * <pre>
 * February 2026, own staff, hours per employee:
 *   U2  B01–B11 (K, 30–49)  scheduled 100, sick 5 (days 1–14)
 *   U3  C01–C11 (K, 30–49)  scheduled 100
 *   M01 (M, 30–49)          U2: scheduled 0, sick 20 (days 1–14);   U3: scheduled 100, sick 0
 * unit U2:  B01–B11 only (M01 has no scheduled hours there): 11 employees, 1 100 scheduled, 55 sick; men: 0
 * unit U3:  C01–C11 and M01: 12 employees
 * area B:   B01–B11, C01–C11 and M01 once: 23 employees, 1 100 + 1 100 + 100 = 2 300 scheduled, 55 + 20 = 75 sick
 *           men: M01 alone (1, suppressed, and women with it), women: 22
 * </pre>
 */
class HrSickGroupsTest {
    @TempDir
    static Path dir;

    private static Connection catalogue;

    @BeforeAll
    static void publish() throws SQLException {
        TestWarehouse w = new TestWarehouse(dir);
        HrFixture hr = new HrFixture(w.layout());
        for (int i = 1; i <= 11; i++) {
            hr.add(new EmployeeMonth(202602, String.format("p-B%02d", i), "U2", "OWN", "K", "30_49", 100, 0, 0, 100, 5,
                    5, 0, 0, 0, 0));
        }
        for (int i = 1; i <= 11; i++) {
            hr.add(new EmployeeMonth(202602, String.format("p-C%02d", i), "U3", "OWN", "K", "30_49", 100, 0, 0, 100, 0,
                    0, 0, 0, 0, 0));
        }
        hr.add(new EmployeeMonth(202602, "p-M01", "U2", "OWN", "M", "30_49", 0, 0, 0, 0, 20, 20, 0, 0, 0, 0));
        hr.add(new EmployeeMonth(202602, "p-M01", "U3", "OWN", "M", "30_49", 100, 0, 0, 100, 0, 0, 0, 0, 0, 0));
        List<FactPartition> partitions = hr.write("L1");
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

    private static List<String> groups(String window, String level, String org) throws SQLException {
        return TestWarehouse.rows(catalogue, "SELECT group_id, employees FROM internal.hr_sick_leave WHERE period = 202602"
                + " AND measure = 'actual' AND time_window = '" + window + "' AND org_level = '" + level
                + "' AND org_id = '" + org + "' ORDER BY group_id");
    }

    @Test
    void anEmployeeAtTwoUnitsCountsOnceAtTheirAreaAndOnlyWhereScheduled() throws SQLException {
        for (String window : List.of("month", "ytd")) {
            // M01's row at U2 makes a group of men there, of no employee with scheduled hours
            assertThat(groups(window, "unit", "U2")).as(window)
                    .containsExactly("age_30_49|11", "all|11", "men|0", "women|11");
            assertThat(groups(window, "unit", "U3")).as(window)
                    .containsExactly("age_30_49|12", "all|12", "men|1", "women|11");
            assertThat(groups(window, "area", "B")).as(window)
                    .containsExactly("age_30_49|23", "all|23", "men|1", "women|22");
        }
    }

    @Test
    void theSickHoursOfTheUnitWithoutAScheduleCountAtTheArea() throws SQLException {
        assertThat(all("area", "B")).containsExactly("false|2300|75|75");
        // at U2 itself M01 has no scheduled hours: neither their 20 sick hours nor they count there
        assertThat(all("unit", "U2")).containsExactly("false|1100|55|55");
    }

    private static List<String> all(String level, String org) throws SQLException {
        return TestWarehouse.rows(catalogue, "SELECT suppressed, scheduled_hours, sick_hours, sick_hours_days_1_14"
                + " FROM internal.hr_sick_leave WHERE period = 202602 AND measure = 'actual' AND time_window = 'month'"
                + " AND org_level = '" + level + "' AND org_id = '" + org + "' AND group_id = 'all'");
    }
}
