package se.nyckeltal.etl.quarantine;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import se.nyckeltal.etl.fact.FactStructType;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Writes rejected lines to {@code meta/quarantine/load_id=<loadId>/} with exactly the
 * {@link FactSchema#QUARANTINE} columns. Appends, so every source of one load can add its own
 * rejected lines to the same folder.
 */
public final class QuarantineWriter {
    private final WarehouseLayout layout;

    public QuarantineWriter(WarehouseLayout layout) {
        this.layout = requireNonNull(layout, "layout");
    }

    /**
     * @param rejected rows with at least the quarantine columns; written to one file (rejected lines
     *     are few), ordered by file and line number so the folder reads like the deliveries
     */
    public void write(Dataset<Row> rejected, String loadId) {
        requireNonNull(rejected, "rejected");
        requireNonNull(loadId, "loadId");
        StructType struct = FactStructType.of(FactSchema.QUARANTINE);
        List<Column> columns = new ArrayList<>();
        for (StructField field : struct.fields()) {
            columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
        }
        rejected.select(columns.toArray(Column[]::new))
                .coalesce(1)
                .sortWithinPartitions(col("source_file"), col("line_number"))
                .write()
                .mode(SaveMode.Append)
                .parquet(SparkPaths.local(layout.quarantineDir(loadId)));
    }
}
