package se.nyckeltal.etl.hr;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import se.nyckeltal.schemas.contract.HourType;
import se.nyckeltal.schemas.fact.FactSchema;

/**
 * hr_day rows summed per employee and month (FactSchema.HR_EMPLOYEE_MONTH's grain): the hours of each
 * type, and the sick hours by the day number of their day in its spell. The tasks that read hr_day sum
 * their rows in Java, in 64-bit ten-thousandths of an hour (exact: hours have four decimals), keyed by
 * the row's grain columns; a small Spark aggregation then adds up what two tasks summed of one employee
 * month (a month's file read in two parts). The day numbers come from the driver
 * ({@link SickSpells}), broadcast to the tasks: no join, no shuffle of day rows.
 */
final class EmployeeMonthSums {
    static final String AGE_BAND = "age_band";
    /** The hr_day columns read, in this order. */
    private static final List<String> READ = List.of("period", "scenario", "source_file", HrLines.EMPLOYEE,
            HrLines.WORK_DATE, HrLines.COST_CENTER, HrLines.STAFF_CATEGORY, HrLines.PROFESSION, HrLines.GENDER,
            HrLines.BIRTH_YEAR, HrLines.HOUR_TYPE, HrLines.HOURS);
    /** The grain columns of the result, then the hour columns of FactSchema.HR_HOUR_COLUMNS. */
    private static final List<String> GRAIN = List.of("period", "scenario", "source_file", HrLines.EMPLOYEE,
            HrLines.COST_CENTER, HrLines.STAFF_CATEGORY, HrLines.PROFESSION, HrLines.GENDER, AGE_BAND);
    private static final DecimalType HOURS = DataTypes.createDecimalType(18, 4);
    /** Indexes into FactSchema.HR_HOUR_COLUMNS. */
    private static final int SICK = hourColumn(HourType.SICK);
    private static final int DAYS_1_14 = FactSchema.HR_HOUR_COLUMNS.indexOf("sick_hours_days_1_14");
    private static final int DAYS_15_90 = FactSchema.HR_HOUR_COLUMNS.indexOf("sick_hours_days_15_90");
    private static final int DAYS_91_365 = FactSchema.HR_HOUR_COLUMNS.indexOf("sick_hours_days_91_365");
    private static final int DAYS_366_PLUS = FactSchema.HR_HOUR_COLUMNS.indexOf("sick_hours_days_366_plus");
    private static final int DAY_60_PLUS = FactSchema.HR_HOUR_COLUMNS.indexOf("sick_hours_day_60_plus");

    private EmployeeMonthSums() {}

    /** The hour column that sums one hour type: {@code worked_hours} for WORKED and so on. */
    private static int hourColumn(HourType type) {
        int index = FactSchema.HR_HOUR_COLUMNS.indexOf(type.name().toLowerCase(Locale.ROOT) + "_hours");
        if (index < 0) {
            throw new IllegalStateException("FactSchema.HR_HOUR_COLUMNS has no column for hour type " + type);
        }
        return index;
    }

    /**
     * @param dayRows hr_day rows (at least the columns read)
     * @param sickMonths the day numbers of every employee month with sick days
     * @return one row per period × scenario × source_file × employee × cost_center × staff_category ×
     *     profession × gender × age_band, the hour columns DECIMAL(18,4), never NULL
     */
    static Dataset<Row> of(SparkSession spark, Dataset<Row> dayRows, List<SickSpells.SickMonth> sickMonths) {
        Dataset<Row> read = dayRows.select(READ.stream().map(c -> col(c)).toArray(Column[]::new));
        DataType hours = read.schema().apply(HrLines.HOURS).dataType();
        if (!(hours instanceof DecimalType decimal) || decimal.scale() != 4 || decimal.precision() > 18) {
            throw new IllegalStateException("hr_day.hours is " + hours.simpleString() + ", expected DECIMAL(18,4)");
        }
        Map<Long, int[]> numbers = new HashMap<>();
        Map<String, Integer> employees = new HashMap<>();
        for (SickSpells.SickMonth month : sickMonths) {
            int employee = employees.computeIfAbsent(month.employee(), e -> employees.size());
            numbers.put(DayNumbers.key(employee, month.period()), month.dayNumbers());
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<DayNumbers> broadcast = context.broadcast(new DayNumbers(employees, numbers));
        int precision = ((DecimalType) hours).precision();
        try {
            JavaRDD<InternalRow> partial = read.queryExecution().toRdd().toJavaRDD()
                    .mapPartitions(rows -> new Summer(broadcast.value(), precision).sum(rows));
            Dataset<Row> sums = ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(
                    partial.rdd(), struct(), false);
            List<Column> total = new ArrayList<>();
            for (String column : FactSchema.HR_HOUR_COLUMNS) {
                total.add(sum(col(column)).cast(HOURS).as(column));
            }
            // Clustered by partition key (period, scenario) only, so that each Spark partition holds whole fact
            // partitions: the grouping needs no other shuffle, and neither do hr_time's grouping or the writes.
            return sums.repartition(col("period"), col("scenario"))
                    .groupBy(GRAIN.stream().map(c -> col(c)).toArray(Column[]::new))
                    .agg(total.get(0), total.subList(1, total.size()).toArray(Column[]::new));
        } finally {
            broadcast.unpersist(false);
        }
    }

    private static StructType struct() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("period", DataTypes.IntegerType, false));
        for (String name : GRAIN.subList(1, GRAIN.size())) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, false));
        }
        for (String column : FactSchema.HR_HOUR_COLUMNS) {
            fields.add(DataTypes.createStructField(column, HOURS, false));
        }
        return DataTypes.createStructType(fields);
    }

    /** The day numbers of the sick employee months, for the tasks. */
    private record DayNumbers(Map<String, Integer> employees, Map<Long, int[]> numbers) implements Serializable {
        static long key(int employee, int period) {
            return ((long) employee << 32) | period;
        }

        /** Day {@code day}'s number in its spell (1–31), 0 when it is no sick day. */
        int dayNumber(String employee, int period, int day) {
            Integer index = employees.get(employee);
            int[] days = index == null ? null : numbers.get(key(index, period));
            return days == null ? 0 : days[day - 1];
        }
    }

    /** The grain of one row: an employee month and its attributes; strings copied only when a key is kept. */
    private static final class Key {
        int period;
        int ageBand;
        final UTF8String[] strings = new UTF8String[7];
        int hash;

        void hash() {
            int h = period * 31 + ageBand;
            for (UTF8String s : strings) {
                h = h * 31 + s.hashCode();
            }
            hash = h;
        }

        Key copy() {
            Key copy = new Key();
            copy.period = period;
            copy.ageBand = ageBand;
            for (int i = 0; i < strings.length; i++) {
                copy.strings[i] = strings[i].copy();
            }
            copy.hash = hash;
            return copy;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key key) || key.hash != hash || key.period != period || key.ageBand != ageBand) {
                return false;
            }
            for (int i = strings.length - 1; i >= 0; i--) {
                if (!strings[i].equals(key.strings[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One task's rows summed. */
    private static final class Summer {
        private static final String[] AGE_BANDS = {"0_29", "30_49", "50_plus"};
        private final DayNumbers dayNumbers;
        private final int precision;
        private final Map<UTF8String, Integer> hourColumns = new HashMap<>();
        private final Map<Key, long[]> sums = new HashMap<>();
        private final Map<Integer, Long> firstDays = new HashMap<>();

        Summer(DayNumbers dayNumbers, int precision) {
            this.dayNumbers = requireNonNull(dayNumbers, "dayNumbers");
            this.precision = precision;
            for (HourType type : HourType.values()) {
                hourColumns.put(UTF8String.fromString(type.name()), hourColumn(type));
            }
        }

        Iterator<InternalRow> sum(Iterator<InternalRow> rows) {
            Key probe = new Key();
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                int period = row.getInt(0);
                probe.period = period;
                probe.strings[0] = row.getUTF8String(1); // scenario
                probe.strings[1] = row.getUTF8String(2); // source_file
                probe.strings[2] = row.getUTF8String(3); // employee
                for (int i = 0; i < 4; i++) {
                    probe.strings[3 + i] = row.getUTF8String(5 + i); // cost_center … gender
                }
                int age = period / 100 - row.getInt(9);
                probe.ageBand = age < 30 ? 0 : age < 50 ? 1 : 2;
                probe.hash();
                long[] sum = sums.get(probe);
                if (sum == null) {
                    sum = new long[FactSchema.HR_HOUR_COLUMNS.size()];
                    sums.put(probe.copy(), sum);
                }
                Integer column = hourColumns.get(row.getUTF8String(10));
                if (column == null) {
                    continue; // a type no hour column counts: the row still makes its employee month
                }
                long hours = row.getDecimal(11, precision, 4).toUnscaledLong();
                sum[column] += hours;
                if (column == SICK) {
                    int day = (int) (row.getInt(4) - firstDay(period)) + 1;
                    int number = dayNumbers.dayNumber(probe.strings[2].toString(), period, day);
                    if (number >= 1 && number <= 14) {
                        sum[DAYS_1_14] += hours;
                    } else if (number >= 15 && number <= 90) {
                        sum[DAYS_15_90] += hours;
                    } else if (number >= 91 && number <= 365) {
                        sum[DAYS_91_365] += hours;
                    } else if (number >= 366) {
                        sum[DAYS_366_PLUS] += hours;
                    }
                    if (number >= 60) {
                        sum[DAY_60_PLUS] += hours;
                    }
                }
            }
            List<InternalRow> out = new ArrayList<>(sums.size());
            sums.forEach((key, sum) -> {
                Object[] values = new Object[GRAIN.size() + sum.length];
                values[0] = key.period;
                System.arraycopy(key.strings, 0, values, 1, key.strings.length);
                values[8] = UTF8String.fromString(AGE_BANDS[key.ageBand]);
                for (int i = 0; i < sum.length; i++) {
                    values[GRAIN.size() + i] = Decimal.apply(sum[i], HOURS.precision(), HOURS.scale());
                }
                out.add(new GenericInternalRow(values));
            });
            sums.clear();
            return out.iterator();
        }

        /** The epoch day of the first day of {@code period} (YYYYMM). */
        private long firstDay(int period) {
            return firstDays.computeIfAbsent(period,
                    p -> LocalDate.of(p / 100, p % 100, 1).toEpochDay());
        }
    }
}
