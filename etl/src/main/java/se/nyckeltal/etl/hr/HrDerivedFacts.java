package se.nyckeltal.etl.hr;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import se.nyckeltal.etl.fact.FactPartitionWriter;
import se.nyckeltal.etl.fact.FactStructType;
import se.nyckeltal.etl.fact.StagedPartition;
import se.nyckeltal.etl.spark.SparkPaths;
import se.nyckeltal.schemas.contract.HourType;
import se.nyckeltal.schemas.fact.FactSchema;
import se.nyckeltal.schemas.warehouse.FactPartition;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;

/**
 * Everything HR derives from the employee-level days (hr_day) of a run of months: the day number of
 * each sick hour in its spell, and from that
 * <ul>
 *   <li>{@code hr_employee_month} (restricted): hours per employee and month, sick hours by spell day;
 *   <li>{@code hr_time} (for analysts): the same summed over employees, sick hours NULL in groups of 10
 *       or fewer employees with scheduled hours;
 *   <li>{@code hr_spell_state} (restricted): the spells open at each month's end, for the next load.
 * </ul>
 * Each derived partition comes from the one delivery its month's hr_day came from.
 */
final class HrDerivedFacts {
    /** Sick-leave figures of a group this small or smaller are hidden (SPEC §5). */
    static final int SUPPRESS_AT_MOST = 10;
    static final String AGE_BAND = EmployeeMonthSums.AGE_BAND;

    private final SparkSession spark;
    private final WarehouseLayout warehouse;
    private final WarehouseLayout output;
    private final String loadId;

    /**
     * @param warehouse where earlier loads' partitions are read
     * @param output where this load's partitions were written and the derived ones are (the warehouse, or a
     *     prepared folder)
     */
    HrDerivedFacts(SparkSession spark, WarehouseLayout warehouse, WarehouseLayout output, String loadId) {
        this.spark = requireNonNull(spark, "spark");
        this.warehouse = requireNonNull(warehouse, "warehouse");
        this.output = requireNonNull(output, "output");
        this.loadId = requireNonNull(loadId, "loadId");
    }

    /**
     * @param days the live hr_day partitions of every month to derive: the earliest delivered month and
     *     all later ones (a month's spells depend on every month before it)
     * @param openBefore the hr_spell_state partition of the last month before them, if any
     * @return the derived partitions, written and moved into place
     */
    List<FactPartition> derive(List<FactPartition> days, List<FactPartition> openBefore) {
        if (days.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> sourceFiles = new TreeMap<>();
        days.forEach(p -> sourceFiles.put(p.period(), p.sourceFile()));
        List<Integer> periods = List.copyOf(sourceFiles.keySet());

        Dataset<Row> dayRows = read(days);
        Column type = col(HrLines.HOUR_TYPE);
        Column sickRow = type.equalTo(HourType.SICK.name());
        Column scheduledRow = type.equalTo(HourType.SCHEDULED.name());
        // Only SICK and SCHEDULED hours make or end a spell; a day with neither is no day of the timeline.
        Dataset<Row> employeeDays = dayRows.filter(sickRow.or(scheduledRow)).select(col(HrLines.EMPLOYEE),
                col(HrLines.WORK_DATE), when(sickRow, col(HrLines.HOURS)).as(SickSpells.SICK_HOURS),
                when(scheduledRow, col(HrLines.HOURS)).as(SickSpells.SCHEDULED_HOURS));
        Dataset<Row> open = openBefore.isEmpty()
                ? spark.createDataFrame(List.of(), DataTypes.createStructType(List.of(
                        DataTypes.createStructField(SickSpells.EMPLOYEE, DataTypes.StringType, true),
                        DataTypes.createStructField(SickSpells.SPELL_START, DataTypes.DateType, true))))
                : read(openBefore).filter(col(SickSpells.EMPLOYEE).isNotNull())
                        .select(col(SickSpells.EMPLOYEE), col(SickSpells.SPELL_START));
        SickSpells spells = new SickSpells(employeeDays, open);

        Dataset<Row> employeeMonth = null;
        List<FactPartitionWriter> writers = new ArrayList<>();
        try {
            employeeMonth = EmployeeMonthSums.of(spark, dayRows, spells.sickMonths())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            FactPartitionWriter employeeMonthWriter = writer(FactSchema.HR_EMPLOYEE_MONTH, writers);
            FactPartitionWriter timeWriter = writer(FactSchema.HR_TIME, writers);
            FactPartitionWriter stateWriter = writer(FactSchema.HR_SPELL_STATE, writers);
            // Stage everything, then move everything: a failure leaves nothing in place.
            List<StagedPartition> employeeMonthStaged =
                    employeeMonthWriter.stage(employeeMonth.withColumn("load_id", lit(loadId)));
            List<StagedPartition> timeStaged =
                    timeWriter.stage(hrTime(employeeMonth).withColumn("load_id", lit(loadId)));
            List<StagedPartition> stateStaged = stateWriter.stage(state(spells, periods, sourceFiles));
            List<FactPartition> published = new ArrayList<>();
            published.addAll(employeeMonthWriter.commit(employeeMonthStaged));
            published.addAll(timeWriter.commit(timeStaged));
            published.addAll(stateWriter.commit(stateStaged));
            return published;
        } finally {
            if (employeeMonth != null) {
                employeeMonth.unpersist();
            }
            spells.release();
            writers.forEach(FactPartitionWriter::cleanUp);
        }
    }

    private FactPartitionWriter writer(FactSchema schema, List<FactPartitionWriter> writers) {
        FactPartitionWriter writer = new FactPartitionWriter(spark, output, schema, null, loadId);
        writers.add(writer);
        return writer;
    }

    /**
     * Employee months summed to hr_time's grain. The sick columns of a group with at most
     * {@value #SUPPRESS_AT_MOST} employees with scheduled hours are NULL: this table is for analysts.
     */
    private static Dataset<Row> hrTime(Dataset<Row> employeeMonth) {
        List<Column> sums = new ArrayList<>();
        for (String hours : FactSchema.HR_HOUR_COLUMNS) {
            sums.add(sum(col(hours)).as(hours));
        }
        sums.add(count(when(col("scheduled_hours").gt(0), lit(1))).cast(DataTypes.IntegerType)
                .as("employees_with_scheduled_hours"));
        Dataset<Row> grouped = employeeMonth.groupBy(col("period"), col("scenario"), col("source_file"),
                        col(HrLines.COST_CENTER), col(HrLines.STAFF_CATEGORY), col(HrLines.PROFESSION),
                        col(HrLines.GENDER), col(AGE_BAND))
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
        Column suppressed = col("employees_with_scheduled_hours").leq(SUPPRESS_AT_MOST);
        grouped = grouped.withColumn("sick_suppressed", suppressed);
        for (String hours : FactSchema.HR_HOUR_COLUMNS) {
            if (hours.startsWith("sick")) {
                grouped = grouped.withColumn(hours, when(suppressed, lit(null)).otherwise(col(hours)));
            }
        }
        return grouped;
    }

    /** Open spells at each month's end, and one marker row per month (FactSchema.HR_SPELL_STATE). */
    private Dataset<Row> state(SickSpells spells, List<Integer> periods, Map<Integer, String> sourceFiles) {
        List<Row> rows = new ArrayList<>();
        for (Row open : spells.openAtMonthEnd(periods)) {
            int period = open.getInt(0);
            rows.add(RowFactory.create(period, "ACTUAL", open.getString(1), open.get(2), sourceFiles.get(period), loadId));
        }
        sourceFiles.forEach((period, file) -> rows.add(RowFactory.create(period, "ACTUAL", null, null, file, loadId)));
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("period", DataTypes.IntegerType, false),
                DataTypes.createStructField("scenario", DataTypes.StringType, false),
                DataTypes.createStructField(SickSpells.EMPLOYEE, DataTypes.StringType, true),
                DataTypes.createStructField(SickSpells.SPELL_START, DataTypes.DateType, true),
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("load_id", DataTypes.StringType, false))));
    }

    /**
     * Partitions' files with the schema in the first file's footer, as Spark's inference would take it but without
     * the Spark job it starts.
     */
    private Dataset<Row> read(List<FactPartition> partitions) {
        List<Path> files = files(partitions);
        StructType written = FactStructType.written(files.get(0), spark.sessionState().newHadoopConf());
        return spark.read().schema(written).parquet(files.stream().map(SparkPaths::input).toArray(String[]::new));
    }

    /** This load's partitions are read where it wrote them, earlier loads' from the warehouse. */
    private List<Path> files(List<FactPartition> partitions) {
        return partitions.stream().flatMap(p -> p.files().stream()
                        .map(f -> (p.loadId().equals(loadId) ? output : warehouse).resolve(f)))
                .toList();
    }
}
