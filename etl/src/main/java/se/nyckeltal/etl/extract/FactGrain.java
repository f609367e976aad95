package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * How a source's valid lines become its fact rows. Either the lines are the facts as delivered (one
 * action per month, one comment), or lines with the same key — scenario, period and the key columns,
 * within one file — are one fact row whose measures are summed (ledger lines of one account, daily
 * production rows of one month).
 *
 * <p>The summing happens in the Spark task that reads the file whole, in Java, with Spark's own
 * semantics for {@code sum}: exact, NULL only when every value was NULL, the result one of
 * {@code DECIMAL(p + 10, s)}. A file whose valid lines all have keys of their own (the usual case: an
 * extract at the fact grain) is not summed at all; {@link ExtractIngest} learns that while it counts the
 * file. A source whose files are never at the grain (daily production rows of monthly facts) says so
 * ({@link #alwaysSummed}): its files are summed while they are counted, not read a second time to be
 * summed. No shuffle either way: the facts of a file stay in the task that read it.
 */
public final class FactGrain implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Null for facts as delivered. */
    private final List<String> keys;
    private final List<String> sums;
    /** Every file is summed in the pass that counts it (no file of the source is at the grain). */
    private final boolean alwaysSummed;
    /** Row by row, on the driver's plan only: never an aggregation. */
    private final transient UnaryOperator<Dataset<Row>> toFact;

    private FactGrain(List<String> keys, List<String> sums, boolean alwaysSummed, UnaryOperator<Dataset<Row>> toFact) {
        this.keys = keys == null ? null : List.copyOf(keys);
        this.sums = List.copyOf(sums);
        this.alwaysSummed = alwaysSummed;
        this.toFact = requireNonNull(toFact, "toFact");
    }

    /**
     * Lines with the same scenario, period and {@code keys} in one file are one fact row; the measure
     * and {@code sums} are summed.
     *
     * @param keys the line columns (besides scenario and period) that identify a fact row; every other
     *     column the fact needs is computed from them by {@code toFact}
     * @param sums further DECIMAL columns summed beside the measure
     * @param toFact turns rows of {@code source_file}, {@code period}, {@code scenario}, the keys, the
     *     measure and the sums into the fact's columns (but {@code load_id}), row by row
     */
    public static FactGrain summed(List<String> keys, List<String> sums, UnaryOperator<Dataset<Row>> toFact) {
        return new FactGrain(requireNonNull(keys, "keys"), sums, false, toFact);
    }

    /**
     * As {@link #summed}, for a source whose files are never at the grain (daily rows of monthly facts):
     * each file is summed in the same pass that counts it, instead of that pass learning it is not at the
     * grain and the file being read again to be summed. Its fact rows are held per file in the task until
     * the file ends: only for files that sum to far fewer rows than they have lines.
     */
    public static FactGrain alwaysSummed(List<String> keys, List<String> sums, UnaryOperator<Dataset<Row>> toFact) {
        return new FactGrain(requireNonNull(keys, "keys"), sums, true, toFact);
    }

    /**
     * Every valid line is one fact row.
     *
     * @param toFact turns valid lines (every line column and {@code source_file}) into the fact's
     *     columns (but {@code load_id}), row by row
     */
    public static FactGrain asDelivered(UnaryOperator<Dataset<Row>> toFact) {
        return new FactGrain(null, List.of(), false, toFact);
    }

    Dataset<Row> toFact(Dataset<Row> rows) {
        return toFact.apply(rows);
    }

    /** This grain for the lines of {@code schema}: what the Spark tasks use. */
    Rows rows(ExtractLine.Schema schema) {
        return new Rows(schema, keys, sums, alwaysSummed);
    }

    /** The task side: checks and sums valid lines of one file and makes their fact rows. */
    static final class Rows implements Serializable {
        private static final long serialVersionUID = 1L;

        private final ExtractLine.Schema schema;
        private final boolean asDelivered;
        private final boolean alwaysSummed;
        /** Indexes into a line's values. */
        private final int[] keys;
        private final int[] sums;
        private final DecimalType measureSum;
        private final DecimalType[] sumTypes;

        private Rows(ExtractLine.Schema schema, List<String> keyNames, List<String> sumNames, boolean alwaysSummed) {
            this.schema = requireNonNull(schema, "schema");
            this.asDelivered = keyNames == null;
            this.alwaysSummed = alwaysSummed;
            this.keys = indexes(schema, keyNames == null ? List.of() : keyNames);
            this.sums = indexes(schema, sumNames);
            this.measureSum = sumType(schema.measureType(), schema.measure());
            this.sumTypes = new DecimalType[sums.length];
            for (int i = 0; i < sums.length; i++) {
                StructField field = schema.values().get(sums[i]);
                sumTypes[i] = sumType(field.dataType(), field.name());
            }
        }

        private static int[] indexes(ExtractLine.Schema schema, List<String> names) {
            int[] indexes = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                indexes[i] = -1;
                for (int j = 0; j < schema.values().size(); j++) {
                    if (schema.values().get(j).name().equals(name)) {
                        indexes[i] = j;
                    }
                }
                if (indexes[i] < 0) {
                    throw new IllegalArgumentException("the lines have no column " + name);
                }
            }
            return indexes;
        }

        /** Spark's type of {@code sum} over a decimal column. */
        private static DecimalType sumType(org.apache.spark.sql.types.DataType type, String name) {
            if (!(type instanceof DecimalType decimal)) {
                throw new IllegalArgumentException(name + " is summed but is not a DECIMAL column");
            }
            return DataTypes.createDecimalType(Math.min(DecimalType.MAX_PRECISION(), decimal.precision() + 10),
                    decimal.scale());
        }

        boolean asDelivered() {
            return asDelivered;
        }

        /** Whether every file is summed while it is counted ({@link FactGrain#alwaysSummed}). */
        boolean alwaysSummed() {
            return alwaysSummed;
        }

        /** The columns of the fact rows: all line columns as delivered, else file, period, scenario, keys and sums. */
        StructType struct() {
            if (asDelivered) {
                return schema.struct();
            }
            List<StructField> fields = new ArrayList<>(List.of(
                    DataTypes.createStructField(ExtractLine.FILE, DataTypes.IntegerType, false),
                    DataTypes.createStructField(ExtractLine.PERIOD, DataTypes.IntegerType, false),
                    DataTypes.createStructField(ExtractLine.SCENARIO, DataTypes.StringType, false)));
            for (int key : keys) {
                StructField field = schema.values().get(key);
                fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
            }
            fields.add(DataTypes.createStructField(schema.measure(), measureSum, true));
            for (int i = 0; i < sums.length; i++) {
                fields.add(DataTypes.createStructField(schema.values().get(sums[i]).name(), sumTypes[i], true));
            }
            return DataTypes.createStructType(fields);
        }

        /**
         * A 64-bit hash of a valid line's key. Two lines with the same key have the same hash; two keys
         * with the same hash only cost the file its shortcut ({@link FileTally#atGrain}), never a fact.
         */
        long keyHash(ExtractLine line) {
            long hash = 1125899906842597L;
            hash = 31 * hash + line.scenario().hashCode();
            hash = 31 * hash + line.period();
            for (int key : keys) {
                Object value = line.values().get(key);
                // Decimals by value: 1.50 and 1.5 are one key to Spark.
                Object normal = value instanceof BigDecimal decimal ? decimal.stripTrailingZeros() : value;
                hash = 1_000_003L * hash + (normal == null ? 0 : normal.hashCode());
            }
            return hash;
        }

        /**
         * The fact rows of one file's valid lines (of the partitions the file wins).
         *
         * @param atGrain every line has a key of its own: no summing needed
         */
        Iterator<InternalRow> factRows(int file, Iterator<ExtractLine> valid, boolean atGrain) {
            if (asDelivered || atGrain) {
                return new MappedIterator<>(valid, line -> row(file, line));
            }
            Totals totals = totals(file);
            valid.forEachRemaining(totals::add);
            return totals.rows();
        }

        /** Sums of one file's valid lines, added one by one. */
        Totals totals(int file) {
            return new Totals(file);
        }

        /** The running sums of one file's fact rows, in the order their keys first appear. */
        final class Totals {
            private final int file;
            private final Map<List<Object>, Total> totals = new LinkedHashMap<>();

            private Totals(int file) {
                this.file = file;
            }

            void add(ExtractLine valid) {
                Object[] row = keyRow(file, valid);
                List<Object> key = Arrays.asList(Arrays.copyOfRange(row, 1, 3 + keys.length));
                totals.computeIfAbsent(key, k -> new Total(row, sums.length)).add(valid, sums);
            }

            /** The fact rows of the lines added. */
            Iterator<InternalRow> rows() {
                return new MappedIterator<Total, InternalRow>(totals.values().iterator(), total -> {
                    Object[] row = total.row;
                    row[row.length - 1 - sums.length] = decimal(total.measure, measureSum);
                    for (int i = 0; i < sums.length; i++) {
                        row[row.length - sums.length + i] = decimal(total.sums[i], sumTypes[i]);
                    }
                    return new GenericInternalRow(row);
                });
            }
        }

        /**
         * The fact row of one valid line of a file at its grain (or of a source whose lines are its
         * facts as delivered): made as the line streams past, nothing summed.
         */
        InternalRow row(int file, ExtractLine line) {
            if (asDelivered) {
                return schema.internalRow(file, line);
            }
            Object[] row = keyRow(file, line);
            row[row.length - 1 - sums.length] = decimal(line.measure(), measureSum);
            for (int i = 0; i < sums.length; i++) {
                row[row.length - sums.length + i] = decimal((BigDecimal) line.values().get(sums[i]), sumTypes[i]);
            }
            return new GenericInternalRow(row);
        }

        /** file, period, scenario and the keys in Spark's form; the measure and sums left to fill. */
        private Object[] keyRow(int file, ExtractLine line) {
            Object[] row = new Object[3 + keys.length + 1 + sums.length];
            row[0] = file;
            row[1] = line.period();
            row[2] = UTF8String.fromString(line.scenario());
            for (int i = 0; i < keys.length; i++) {
                row[3 + i] = ExtractLine.Schema.toCatalyst(line.values().get(keys[i]),
                        schema.values().get(keys[i]).dataType());
            }
            return row;
        }

        private static Decimal decimal(BigDecimal value, DecimalType type) {
            // Throws when the sum does not fit, as Spark's sum does under ANSI mode.
            return value == null ? null : Decimal.apply(value, type.precision(), type.scale());
        }
    }

    /** The running sums of one fact row while a file is summed. */
    private static final class Total {
        private final Object[] row;
        private BigDecimal measure = BigDecimal.ZERO;
        private final BigDecimal[] sums;

        Total(Object[] row, int sumCount) {
            this.row = row;
            this.sums = new BigDecimal[sumCount];
        }

        void add(ExtractLine line, int[] sumIndexes) {
            measure = measure.add(line.measure());
            for (int i = 0; i < sumIndexes.length; i++) {
                BigDecimal value = (BigDecimal) line.values().get(sumIndexes[i]);
                if (value != null) {
                    sums[i] = sums[i] == null ? value : sums[i].add(value);
                }
            }
        }
    }
}
