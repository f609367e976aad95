package se.nyckeltal.etl.fact;

import java.util.ArrayList;
import java.util.List;
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
}
