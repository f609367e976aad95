package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.FactPartition.PartitionKey;
import se.nyckeltal.schemas.warehouse.Snapshot;

/**
 * Which periods an incremental build recomputes: tables with full-year columns look ahead only at the plans of
 * their year, so new outcomes (ACTUAL) are recomputed from their own month and a changed budget or forecast from
 * its year's January.
 */
class CatalogueReuseTest {
    private static final BuildOrder.SqlFile BY_YEAR = file(BuildOrder.Scope.FROM_YEAR);
    private static final BuildOrder.SqlFile BY_MONTH = file(BuildOrder.Scope.FROM_MONTH);
    private static final BuildOrder.SqlFile EVERY_PERIOD = file(BuildOrder.Scope.FULL);
    private static final BuildOrder.SqlFile COMPARED = file(BuildOrder.Scope.COMPARED);

    @Test
    void newOutcomesAreRecomputedFromTheirMonthEvenWhereFullYearColumnsLookAhead() {
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(
                new PartitionKey("ledger", "ACTUAL", 202609), new PartitionKey("ledger", "ACTUAL", 202610),
                new PartitionKey("hr_time", "ACTUAL", 202610)));

        assertThat(reuse.earliestChange()).isEqualTo(202609);
        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(202609);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(202609);
        assertThat(reuse.recomputeFrom(EVERY_PERIOD)).isZero();
        assertThat(reuse.recomputeFrom(COMPARED)).isZero();
    }

    @Test
    void aChangedPlanIsRecomputedFromTheJanuaryOfItsYearWhereFullYearColumnsReadIt() {
        // a forecast made in 2026-04 for May–December, and the month's outcome
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(
                new PartitionKey("ledger", "FORECAST@202604", 202605), new PartitionKey("ledger", "FORECAST@202604", 202612),
                new PartitionKey("ledger", "ACTUAL", 202604)));

        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(202601);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(202604);
    }

    @Test
    void anOutcomeOfAnEarlierYearComesBeforeThePlanYearsJanuary() {
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(
                new PartitionKey("production", "BUDGET", 202603), new PartitionKey("production", "ACTUAL", 202511)));

        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(202511);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(202511);
    }

    @Test
    void derivedRowsThatChangedEarlierMoveTheRecomputationBackForWhatFollows() {
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(new PartitionKey("hr_time", "ACTUAL", 202609)));

        // the suppression of 2025-11 changed with the new month: everything built after it recomputes from there
        CatalogueReuse after = reuse.changedFrom(202511);

        assertThat(after.recomputeFrom(BY_YEAR)).isEqualTo(202511);
        assertThat(after.recomputeFrom(BY_MONTH)).isEqualTo(202511);
        assertThat(after.reason()).contains("derived rows changed from 202511");
        assertThat(reuse.changedFrom(202609)).isSameAs(reuse);
        assertThat(reuse.changedFrom(202610)).isSameAs(reuse);
        assertThat(CatalogueReuse.full("no previous catalogue").changedFrom(202511).recomputeFrom(BY_YEAR)).isZero();
    }

    @Test
    void aComparedTableDiffersFromThePreviousCatalogueFromItsEarliestChangedRow() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("ATTACH ':memory:' AS " + CatalogueReuse.PREVIOUS);
            statement.execute("CREATE SCHEMA internal");
            statement.execute("CREATE SCHEMA " + CatalogueReuse.PREVIOUS + ".internal");
            String flags = "(period INTEGER, org_id VARCHAR, suppressed BOOLEAN, reason VARCHAR)";
            statement.execute("CREATE TABLE internal.flags " + flags);
            statement.execute("CREATE TABLE " + CatalogueReuse.PREVIOUS + ".internal.flags " + flags);
            statement.execute("INSERT INTO " + CatalogueReuse.PREVIOUS + ".internal.flags VALUES (202510, 'A', false, NULL),"
                    + " (202511, 'A', true, 'small_group'), (202512, 'A', false, NULL), (202609, 'A', false, NULL)");
            // the same flags up to 202609, which changed anyway: nothing earlier differs
            statement.execute("INSERT INTO internal.flags VALUES (202510, 'A', false, NULL),"
                    + " (202511, 'A', true, 'small_group'), (202512, 'A', false, NULL), (202609, 'A', true, 'complementary')");
            assertThat(CatalogueBuilder.earliestDifference(connection, "internal.flags", 202609)).isEqualTo(202609);

            // 2025-12 now suppressed (complementary), and a row of 2025-11 only in the previous catalogue
            statement.execute("UPDATE internal.flags SET suppressed = true, reason = 'complementary' WHERE period = 202512");
            assertThat(CatalogueBuilder.earliestDifference(connection, "internal.flags", 202609)).isEqualTo(202512);
            statement.execute("DELETE FROM internal.flags WHERE period = 202511");
            assertThat(CatalogueBuilder.earliestDifference(connection, "internal.flags", 202609)).isEqualTo(202511);
        }
    }

    @Test
    void aBuildStartsFromACopyOfThePreviousFileOnlyWhenItIsCompleteCompactAndBuiltByTheSameSql(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("previous.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            // 30 MB of rows in DuckDB's 256 KB blocks, then what comes after them in the file
            statement.execute("CREATE TABLE rows AS SELECT i, md5(i::VARCHAR) AS hash FROM range(600000) AS t (i)");
            statement.execute("CHECKPOINT");
            statement.execute("CREATE SCHEMA meta");
            statement.execute("CREATE TABLE meta.catalogue_build AS SELECT 'sql-1' AS fingerprint");
            statement.execute("CREATE TABLE after_rows AS SELECT i, md5(i::VARCHAR) AS hash FROM range(60000) AS t (i)");
        }
        assertThat(CatalogueReuse.reusableFile(file, "sql-1")).isTrue();
        assertThat(CatalogueReuse.reusableFile(file, "sql-2")).as("built by other SQL").isFalse();
        assertThat(CatalogueReuse.reusableFile(dir.resolve("gone.duckdb"), "sql-1")).isFalse();

        Path wal = dir.resolve("previous.duckdb.wal");
        Files.writeString(wal, "not checkpointed");
        assertThat(CatalogueReuse.reusableFile(file, "sql-1")).as("a write-ahead log beside it").isFalse();
        Files.delete(wal);

        // most of its blocks free (what builds in copies leave behind, at worst): the next build compacts it
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE rows");
            statement.execute("CHECKPOINT");
        }
        assertThat(CatalogueReuse.reusableFile(file, "sql-1")).as("mostly free blocks").isFalse();
    }

    @Test
    void nothingChangedRecomputesNothing() {
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of());

        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(Integer.MAX_VALUE);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aPartitionWithOtherFilesOrGoneCountsAsChanged() {
        Snapshot before = snapshot(partition("ACTUAL", 202608, "a.parquet"), partition("ACTUAL", 202609, "b.parquet"),
                partition("BUDGET", 202612, "c.parquet"));
        Snapshot after = snapshot(partition("ACTUAL", 202608, "a.parquet"), partition("ACTUAL", 202609, "b2.parquet"),
                partition("ACTUAL", 202610, "d.parquet"));

        assertThat(CatalogueReuse.changedPartitions(before, after)).containsExactlyInAnyOrder(
                new PartitionKey("ledger", "ACTUAL", 202609), new PartitionKey("ledger", "ACTUAL", 202610),
                new PartitionKey("ledger", "BUDGET", 202612));
    }

    private static BuildOrder.SqlFile file(BuildOrder.Scope scope) {
        return new BuildOrder.SqlFile("kpi/x.sql", "SELECT 1", scope);
    }

    private static FactPartition partition(String scenario, int period, String file) {
        return new FactPartition("ledger", scenario, period, List.of(file), "ledger/x.csv", "l1", 1);
    }

    private static Snapshot snapshot(FactPartition... partitions) {
        return new Snapshot("s", Instant.parse("2026-10-05T02:00:00Z"), "l1", List.of(partitions), List.of(), null);
    }
}
