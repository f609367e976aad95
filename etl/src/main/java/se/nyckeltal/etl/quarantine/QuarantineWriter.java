package se.nyckeltal.etl.quarantine;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import se.nyckeltal.etl.fact.FactStructType;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Writes rejected lines to {@code meta/quarantine/load_id=<loadId>/} with exactly the
 * {@link FactSchema#QUARANTINE} columns. Appends, so every source of one load can add its own
 * rejected lines to the same folder — also side by side: each write goes to a folder of its own inside
 * it and its files are then moved in (two Spark appends to one folder would share, and remove, one
 * {@code _temporary} folder).
 */
public final class QuarantineWriter {
    /** A write's own folder inside the load's; the catalogue reads {@code load_id=*}{@code /*.parquet} only. */
    private static final String WRITING = "_writing-";

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
        Path folder = layout.quarantineDir(loadId);
        Path own = folder.resolve(WRITING + UUID.randomUUID());
        try {
            rejected.select(columns.toArray(Column[]::new))
                    .coalesce(1)
                    .sortWithinPartitions(col("source_file"), col("line_number"))
                    .write()
                    .mode(SaveMode.ErrorIfExists)
                    .parquet(SparkPaths.local(own));
            // Spark names its files part-<task>-<write's UUID>: unique in the load's folder.
            for (Path file : dataFiles(own)) {
                Files.move(file, folder.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move quarantined lines into " + folder, e);
        } finally {
            FileTree.delete(own);
        }
    }

    private static List<Path> dataFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
            }).sorted().toList();
        }
    }
}
