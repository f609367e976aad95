package se.nyckeltal.etl.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * The read-back of staged facts (on the driver, from the Parquet files themselves) says what the files hold: rows,
 * exact sums with their NULLs skipped, versioned partition keys, and a partition of two deliveries is refused.
 */
@ExtendWith(SharedSpark.class)
class FactPartitionWriterReadBackTest {
    private static final String LOAD = "load-read-back";
    private final SparkSession spark;

    FactPartitionWriterReadBackTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void readBackCountsRowsAndSumsAmountsPerPartitionAndVersion(@TempDir Path dir) {
        WarehouseLayout layout = new WarehouseLayout(dir);
        List<Row> rows = new ArrayList<>();
        // ACTUAL 202403 of a.csv: 1000 rows of 0.01 .. 10.00: Σ = 0.01 × (1 + … + 1000) = 0.01 × 500 500 = 5 005.00.
        for (int i = 1; i <= 1000; i++) {
            rows.add(ledger(202403, "ACTUAL", "4010", new BigDecimal(i).movePointLeft(2), "ledger/a.csv", null));
        }
        // BUDGET 202403 of a.csv: −7.50 and 2.25 = −5.25.
        rows.add(ledger(202403, "BUDGET", "4010", new BigDecimal("-7.50"), "ledger/a.csv", null));
        rows.add(ledger(202403, "BUDGET", "4020", new BigDecimal("2.25"), "ledger/a.csv", null));
        // Two forecasts of 202412 from b.csv, made in 202402 (100.00) and 202404 (120.00 + 0.05).
        rows.add(ledger(202412, "FORECAST", "5010", new BigDecimal("100.00"), "ledger/b.csv", 202402));
        rows.add(ledger(202412, "FORECAST", "5010", new BigDecimal("120.00"), "ledger/b.csv", 202404));
        rows.add(ledger(202412, "FORECAST", "5020", new BigDecimal("0.05"), "ledger/b.csv", 202404));

        List<StagedPartition> staged = new FactPartitionWriter(spark, layout, FactSchema.LEDGER, "amount", LOAD)
                .stage(frame(rows));

        assertThat(staged).extracting(StagedPartition::label, StagedPartition::sourceFile, StagedPartition::rows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ACTUAL:202403", "ledger/a.csv", 1000L),
                        org.assertj.core.groups.Tuple.tuple("BUDGET:202403", "ledger/a.csv", 2L),
                        org.assertj.core.groups.Tuple.tuple("FORECAST@202402:202412", "ledger/b.csv", 1L),
                        org.assertj.core.groups.Tuple.tuple("FORECAST@202404:202412", "ledger/b.csv", 2L));
        assertThat(staged).extracting(p -> p.amount().toPlainString())
                .containsExactly("5005.00", "-5.25", "100.00", "120.05");
    }

    @Test
    void aPartitionWithRowsOfTwoDeliveriesIsRefused(@TempDir Path dir) {
        WarehouseLayout layout = new WarehouseLayout(dir);
        List<Row> rows = List.of(
                ledger(202403, "ACTUAL", "4010", new BigDecimal("1.00"), "ledger/a.csv", null),
                ledger(202403, "ACTUAL", "4020", new BigDecimal("2.00"), "ledger/b.csv", null));

        FactPartitionWriter writer = new FactPartitionWriter(spark, layout, FactSchema.LEDGER, "amount", LOAD);

        assertThatThrownBy(() -> writer.stage(frame(rows)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ACTUAL:202403 holds rows of two source files");
    }

    @Test
    void sumsStayExactBeyondTheRangeOfALong() {
        StagedFileContents.Sum sum = new StagedFileContents.Sum();
        assertThat(sum.value()).isNull(); // nothing summed: NULL, as Spark's sum

        sum.add(Long.MAX_VALUE, 2);
        sum.add(Long.MAX_VALUE, 2);
        sum.add(-1, 2);
        StagedFileContents.Sum other = new StagedFileContents.Sum();
        other.add(Long.MIN_VALUE, 2);
        sum.add(other);

        // 2 × (2^63 − 1) − 1 − 2^63 = 2^63 − 3, in hundredths.
        assertThat(sum.value()).isEqualTo(new BigDecimal(java.math.BigInteger.TWO.pow(63)
                .subtract(java.math.BigInteger.valueOf(3)), 2));
    }

    private static Row ledger(int period, String scenario, String account, BigDecimal amount, String sourceFile,
            Integer forecastMade) {
        return RowFactory.create(period, scenario, "1100", account, null, null, amount, sourceFile, LOAD, forecastMade);
    }

    private Dataset<Row> frame(List<Row> rows) {
        return spark.createDataFrame(rows, FactStructType.of(FactSchema.LEDGER));
    }
}
