package se.nyckeltal.etl.production;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import se.nyckeltal.schemas.reference.ContactType;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * Viktade vårdtjänster: weighted_volume = volume × the contact type's weight in the period's year
 * ({@code ContactWeights}: the year's own row of contact_types.csv, else the row without a year),
 * 0 for a contact type without a weight or missing from contact_types.csv. Exact decimals:
 * DECIMAL(18,4) × DECIMAL(18,6) has ten decimals, rounded once (half up) to the fact's four.
 */
final class WeightedVolume {
    private static final DecimalType VOLUME = DataTypes.createDecimalType(18, 4);
    private static final DecimalType WEIGHT = DataTypes.createDecimalType(18, 6);
    private static final StructType YEAR_WEIGHTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("_year_type", DataTypes.StringType, false),
            DataTypes.createStructField("_year", DataTypes.IntegerType, false),
            DataTypes.createStructField("_year_weight", WEIGHT, true)));
    private static final StructType DEFAULT_WEIGHTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("_default_type", DataTypes.StringType, false),
            DataTypes.createStructField("_default_weight", WEIGHT, true)));

    private final Dataset<Row> yearWeights;
    private final Dataset<Row> defaultWeights;

    WeightedVolume(SparkSession spark, ReferenceData reference) {
        requireNonNull(spark, "spark");
        List<Row> years = new ArrayList<>();
        List<Row> defaults = new ArrayList<>();
        for (ContactType type : reference.contactTypes()) {
            BigDecimal weight = type.weight() == null ? null : type.weight().setScale(WEIGHT.scale());
            if (type.year() == null) {
                defaults.add(RowFactory.create(type.code(), weight));
            } else {
                years.add(RowFactory.create(type.code(), type.year(), weight));
            }
        }
        this.yearWeights = spark.createDataFrame(years, YEAR_WEIGHTS);
        this.defaultWeights = spark.createDataFrame(defaults, DEFAULT_WEIGHTS);
    }

    /**
     * @param facts rows with {@code period} (YYYYMM), {@code contact_type} and {@code volume}
     * @return the same rows with {@code weighted_volume} (DECIMAL(18,4)) added
     */
    Dataset<Row> add(Dataset<Row> facts) {
        Column year = expr(ProductionEntry.PERIOD_COLUMN + " div 100").cast(DataTypes.IntegerType);
        Column contactType = col(ProductionEntry.CONTACT_TYPE);
        // A year's own row applies even when its weight is empty (that year the type is not weighted).
        Column weight = coalesce(
                when(col("_year_type").isNotNull(), coalesce(col("_year_weight"), zero()))
                        .otherwise(col("_default_weight")),
                zero());
        return facts
                .join(broadcast(yearWeights), contactType.equalTo(col("_year_type")).and(year.equalTo(col("_year"))),
                        "left")
                .join(broadcast(defaultWeights), contactType.equalTo(col("_default_type")), "left")
                .withColumn(ProductionEntry.WEIGHTED_VOLUME,
                        col(ProductionEntry.VOLUME).cast(VOLUME).multiply(weight).cast(VOLUME))
                .drop("_year_type", "_year", "_year_weight", "_default_type", "_default_weight");
    }

    private static Column zero() {
        return lit(BigDecimal.ZERO).cast(WEIGHT);
    }
}
