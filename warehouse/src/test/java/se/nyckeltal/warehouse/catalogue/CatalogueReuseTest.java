package se.nyckeltal.warehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private static final BuildOrder.SqlFile MONTH_BY_MONTH = new BuildOrder.SqlFile("internal/x.sql", "SELECT 1",
            BuildOrder.Scope.MONTH_BY_MONTH, "temp.periods");

    @Test
    void newOutcomesAreRecomputedFromTheirMonthEvenWhereFullYearColumnsLookAhead() {
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(
                new PartitionKey("ledger", "ACTUAL", 202609), new PartitionKey("ledger", "ACTUAL", 202610),
                new PartitionKey("hr_time", "ACTUAL", 202610)));

        assertThat(reuse.earliestChange()).isEqualTo(202609);
        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(202609);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(202609);
        assertThat(reuse.recomputeFrom(EVERY_PERIOD)).isZero();
        assertThat(reuse.recomputeFrom(MONTH_BY_MONTH)).isEqualTo(202609);
    }

    @Test
    void aChangedPlanIsRecomputedFromTheJanuaryOfItsYearWhereFullYearColumnsReadIt() {
        // a forecast made in 2026-04 for May–December, and the month's outcome
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(
                new PartitionKey("ledger", "FORECAST@202604", 202605), new PartitionKey("ledger", "FORECAST@202604", 202612),
                new PartitionKey("ledger", "ACTUAL", 202604)));

        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(202601);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(202604);
        assertThat(reuse.recomputeFrom(MONTH_BY_MONTH)).isEqualTo(202604);
    }

    @Test
    void anOutcomeOfAnEarlierYearComesBeforeThePlanYearsJanuary() {
        CatalogueReuse reuse = CatalogueReuse.afterChanges("s1", List.of(
                new PartitionKey("production", "BUDGET", 202603), new PartitionKey("production", "ACTUAL", 202511)));

        assertThat(reuse.recomputeFrom(BY_YEAR)).isEqualTo(202511);
        assertThat(reuse.recomputeFrom(BY_MONTH)).isEqualTo(202511);
    }

    @Test
    void aBuildStartsFromACopyOfThePreviousFileOnlyWhenItIsCompleteCompactAndBuiltByTheSameSql(@TempDir Path dir)
            throws Exception {
        // 30 MB of rows in DuckDB's 256 KB blocks, then what comes after them in the file
        Path file = catalogueFile(dir.resolve("previous.duckdb"), 600_000);
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

        // a small catalogue's few free blocks (here about half of them, a few MB) are not worth a build from scratch
        Path small = catalogueFile(dir.resolve("small.duckdb"), 60_000);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + small);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE rows");
            statement.execute("CHECKPOINT");
            try (ResultSet size = statement.executeQuery("SELECT free_blocks * 4 > total_blocks, free_blocks > 0"
                    + " FROM pragma_database_size()")) {
                size.next();
                assertThat(size.getBoolean(1)).as("more than a quarter of the small file's blocks free").isTrue();
                assertThat(size.getBoolean(2)).isTrue();
            }
        }
        assertThat(CatalogueReuse.reusableFile(small, "sql-1")).as("a few MB free").isTrue();
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

    /** A catalogue file built by 'sql-1': {@code rows} rows, then 60 000 more after them in the file. */
    private static Path catalogueFile(Path file, int rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE rows AS SELECT i, md5(i::VARCHAR) AS hash FROM range(" + rows + ") AS t (i)");
            statement.execute("CHECKPOINT");
            statement.execute("CREATE SCHEMA meta");
            statement.execute("CREATE TABLE meta.catalogue_build AS SELECT 'sql-1' AS fingerprint");
            statement.execute("CREATE TABLE after_rows AS SELECT i, md5(i::VARCHAR) AS hash FROM range(60000) AS t (i)");
            statement.execute("CHECKPOINT");
        }
        return file;
    }
}
