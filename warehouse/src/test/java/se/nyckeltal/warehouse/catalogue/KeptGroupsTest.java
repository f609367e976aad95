package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.TestWarehouse;

/**
 * A nightly build reads back of a kept build-only table only the earlier periods a later step reads (from the January
 * two years before the first recomputed period: the HR relations reach 24 months back), and keeps every earlier
 * period for the builds after it.
 */
class KeptGroupsTest {
    @Test
    void theEarlierPeriodsAreReadBackTwoYearsAndKeptInFull(@TempDir Path dir) throws SQLException {
        Path previous = dir.resolve("previous/hr_groups");
        Path next = dir.resolve("next/hr_groups");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE hr_groups AS SELECT * FROM (VALUES (202312, 11), (202401, 12),"
                    + " (202512, 13), (202603, 14)) AS t (period, employees)");
            KeptGroups.keep(connection, "temp.hr_groups", previous, 0, null);

            // the night that recomputes from 2026-03: 2024-01 and 2025-12 are read back, 2023-12 is not
            statement.execute("CREATE OR REPLACE TEMP TABLE hr_groups AS SELECT 202603 AS period, 15 AS employees");
            KeptGroups.copyEarlierPeriods(connection, "temp.hr_groups", previous, 202603);
            assertThat(TestWarehouse.rows(connection, "SELECT period, employees FROM temp.hr_groups ORDER BY period"))
                    .containsExactly("202401|12", "202512|13", "202603|15");

            // ...and the next build still finds every earlier period, 2023-12 included
            KeptGroups.keep(connection, "temp.hr_groups", next, 202603, previous);
            assertThat(TestWarehouse.rows(connection, "SELECT period, employees FROM read_parquet('" + next
                    + "/*/*.parquet', hive_partitioning = false) ORDER BY period"))
                    .containsExactly("202312|11", "202401|12", "202512|13", "202603|15");
        }
        assertThat(KeptGroups.readBackFrom(202601)).isEqualTo(202401);
        assertThat(KeptGroups.readBackFrom(202612)).isEqualTo(202401);
    }
}
