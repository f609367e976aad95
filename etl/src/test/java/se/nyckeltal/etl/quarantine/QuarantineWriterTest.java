package se.nyckeltal.etl.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/** Rejected lines of every source of one load end up in the load's quarantine folder, also when written side by side. */
@ExtendWith(SharedSpark.class)
class QuarantineWriterTest {
    private static final String LOAD = "load-quarantine";
    private final SparkSession spark;

    QuarantineWriterTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void sourcesWritingSideBySideKeepEveryRejectedLine(@TempDir Path dir) throws Exception {
        WarehouseLayout layout = new WarehouseLayout(dir);
        QuarantineWriter writer = new QuarantineWriter(layout);
        // Four sources of one load, 50 rejected lines each, written at the same time: 200 lines.
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (String source : List.of("ledger", "production", "hr", "indicators")) {
            writes.add(CompletableFuture.runAsync(() -> writer.write(rejected(source, 50), LOAD)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
        // And once more, one after the other, as a later source of the load would.
        writer.write(rejected("listings", 3), LOAD);

        Path folder = layout.quarantineDir(LOAD);
        Dataset<Row> written = spark.read().parquet(SparkPaths.input(folder));
        assertThat(written.count()).isEqualTo(203);
        assertThat(written.groupBy("source").count().collectAsList()).extracting(r -> r.getString(0) + "=" + r.getLong(1))
                .containsExactlyInAnyOrder("ledger=50", "production=50", "hr=50", "indicators=50", "listings=3");
        // Only data files are left in the folder: no write's own folder, no marker of Spark's.
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .hasSize(5).allMatch(name -> name.startsWith("part-") && name.endsWith(".parquet"));
        }
    }

    private Dataset<Row> rejected(String source, int lines) {
        List<Row> rows = new ArrayList<>();
        for (int line = 1; line <= lines; line++) {
            rows.add(RowFactory.create(LOAD, source, source + "/a.csv", line + 1, "amount 'x' is not a number", "x;y"));
        }
        StructType struct = DataTypes.createStructType(List.of(
                DataTypes.createStructField("load_id", DataTypes.StringType, false),
                DataTypes.createStructField("source", DataTypes.StringType, false),
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("line_number", DataTypes.IntegerType, false),
                DataTypes.createStructField("reason", DataTypes.StringType, false),
                DataTypes.createStructField("raw_line", DataTypes.StringType, false)));
        return spark.createDataFrame(rows, struct);
    }
}
