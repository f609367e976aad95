package se.nyckeltal.etl.fact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import se.nyckeltal.schemas.fact.ColumnType;
import se.nyckeltal.schemas.fact.FactColumn;
import se.nyckeltal.schemas.fact.FactSchema;

/** Spark's view of a {@link FactSchema}: the one mapping from our column types to Spark types. */
public final class FactStructType {
    private FactStructType() {}

    public static StructType of(FactSchema schema) {
        List<StructField> fields = new ArrayList<>(schema.columns().size());
        for (FactColumn column : schema.columns()) {
            fields.add(DataTypes.createStructField(column.name(), dataType(column.type()), column.nullable()));
        }
        return DataTypes.createStructType(fields);
    }

    public static DataType dataType(ColumnType type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case AMOUNT -> DataTypes.createDecimalType(18, 2);
            case QUANTITY -> DataTypes.createDecimalType(18, 4);
            case DATE -> DataTypes.DateType;
            case BOOLEAN -> DataTypes.BooleanType;
            case TIMESTAMP -> DataTypes.TimestampNTZType;
        };
    }

    /** Same column names and types in the same order; nullability is not compared. */
    public static boolean sameColumns(StructType actual, StructType expected) {
        if (actual.fields().length != expected.fields().length) {
            return false;
        }
        for (int i = 0; i < expected.fields().length; i++) {
            StructField a = actual.fields()[i];
            StructField e = expected.fields()[i];
            if (!a.name().equals(e.name()) || !a.dataType().equals(e.dataType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Spark schema a Parquet file was written with, from its footer, read on the driver: Spark's own schema
     * inference would start a job for it. Every column nullable, as Spark reads files.
     */
    public static StructType written(Path file, Configuration conf) {
        String json;
        // Options from the caller's configuration: without them the reader makes a Configuration of its own, which
        // parses Hadoop's default XML files again (tens of milliseconds for every file read back).
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), conf), HadoopReadOptions.builder(conf).build())) {
            json = reader.getFooter().getFileMetaData().getKeyValueMetaData()
                    .get(ParquetReadSupport.SPARK_METADATA_KEY());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of the Parquet file " + file, e);
        }
        if (json == null) {
            throw new IllegalStateException("the Parquet file " + file + " has no Spark schema in its footer");
        }
        List<StructField> fields = new ArrayList<>();
        for (StructField field : ((StructType) DataType.fromJson(json)).fields()) {
            fields.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }
}
