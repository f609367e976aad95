package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One physical line of a delivery after validation: a valid row of the source, a rejected line
 * (quarantined, with a reason a controller can act on), or a blank line (counted, never loaded).
 * Every source produces these, so threshold, quarantine, partition replacement and reconciliation
 * are the same for all of them.
 *
 * <p>A valid line carries its partition (scenario, period), its measure — the number the file
 * reconciles on: amount, volume, hours — and the source's own values in the order of its
 * {@link Schema}. A rejected line carries its measure too when it could be parsed, so it still counts
 * in the file's total.
 *
 * @param period YYYYMM of a valid line, 0 otherwise
 * @param values the source's columns of a valid line (empty otherwise), in {@link Schema#values} order
 * @param rawLine the text of a rejected line as delivered, or null
 * @param rejectedSecondMeasure a rejected line's {@link Schema#secondMeasure} when it could be parsed, else null (a
 *     valid line carries it among its values)
 */
public record ExtractLine(
        Kind kind, long lineNumber, String scenario, int period, BigDecimal measure, List<Object> values,
        String reason, String rawLine, BigDecimal rejectedSecondMeasure) implements Serializable {
    public enum Kind {
        VALID,
        REJECTED,
        BLANK
    }

    /** Column of the scenario (ACTUAL, BUDGET, FORECAST) in the lines a source aggregates. */
    public static final String SCENARIO = "scenario";
    /** Column of the period (INT YYYYMM) in the lines a source aggregates. */
    public static final String PERIOD = "period";
    /** Column of the delivery's landing-relative path in the lines a source aggregates. */
    public static final String SOURCE_FILE = "source_file";

    /** Column of the delivery's index in the load: names the line's source file. */
    public static final String FILE = "file";

    // Bookkeeping columns of the validated lines; sources never need them.
    static final String LINE_NUMBER = "line_number";
    static final String KIND = "kind";
    /**
     * A rejected line's measure when it could be parsed, exact as a plain string: it may have more
     * decimals or digits than the measure's type holds, and it still counts in the file's total.
     */
    static final String REJECTED_MEASURE = "rejected_measure";
    static final String REASON = "reason";
    static final String RAW_LINE = "raw_line";
    /** A rejected line's second measure, as {@link #REJECTED_MEASURE}; only in schemas that have one. */
    static final String REJECTED_SECOND_MEASURE = "rejected_second_measure";
    private static final UTF8String[] KIND_TEXT = Arrays.stream(Kind.values()).map(k -> UTF8String.fromString(k.name()))
            .toArray(UTF8String[]::new);

    public ExtractLine {
        requireNonNull(kind, "kind");
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
        switch (kind) {
            case VALID -> {
                requireNonNull(scenario, "scenario");
                requireNonNull(measure, "measure");
            }
            case REJECTED -> requireNonNull(reason, "reason");
            case BLANK -> { }
        }
    }

    /**
     * A line that loads.
     *
     * @param lineNumber physical line in the delivered file (1 = first line)
     * @param period YYYYMM
     * @param measure the number the file reconciles on; at most the scale of {@link Schema#measureType}
     * @param values the source's columns, in {@link Schema#values} order; null for an absent value
     */
    public static ExtractLine valid(long lineNumber, String scenario, int period, BigDecimal measure, Object... values) {
        return new ExtractLine(Kind.VALID, lineNumber, scenario, period, measure, Arrays.asList(values), null, null, null);
    }

    /**
     * A line that goes to quarantine.
     *
     * @param reason every problem of the line, for the controller who has to fix the export
     * @param rawLine the line as delivered, or null when there is no such text
     * @param measure the line's measure when it could be parsed, else null
     */
    public static ExtractLine rejected(long lineNumber, String reason, String rawLine, BigDecimal measure) {
        return rejected(lineNumber, reason, rawLine, measure, null);
    }

    /**
     * A line that goes to quarantine, of a source whose files also reconcile on a {@link Schema#secondMeasure}.
     *
     * @param secondMeasure the line's second measure when it could be parsed, else null
     */
    public static ExtractLine rejected(long lineNumber, String reason, String rawLine, BigDecimal measure,
            BigDecimal secondMeasure) {
        return new ExtractLine(Kind.REJECTED, lineNumber, null, 0, measure, List.of(), reason, rawLine, secondMeasure);
    }

    /** Nothing but separators and white space: counted, never loaded, never quarantined. */
    public static ExtractLine blank(long lineNumber) {
        return new ExtractLine(Kind.BLANK, lineNumber, null, 0, null, List.of(), null, null, null);
    }

    /**
     * How a source's validated lines look to Spark: the bookkeeping columns every source shares,
     * the measure, and the source's own columns. The fact table's measure column has the same name
     * as the measure here (it is summed on read-back to reconcile the files).
     *
     * @param measure the measure's column, e.g. {@code amount}
     * @param measureType its exact type, e.g. DECIMAL(18,2); a valid line's measure must fit its scale
     * @param values the source's columns of a valid line, e.g. {@code cost_center}
     * @param secondMeasure null, or a DECIMAL column of {@code values} the files reconcile on too (an indicator's
     *     denominator beside its numerator): summed per file over valid and quarantined lines and read back from the
     *     written facts like the measure
     */
    public record Schema(String measure, DecimalType measureType, List<StructField> values, String secondMeasure)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Schema(String measure, DecimalType measureType, List<StructField> values) {
            this(measure, measureType, values, null);
        }

        public Schema {
            requireNonNull(measure, "measure");
            requireNonNull(measureType, "measureType");
            values = List.copyOf(values);
            if (secondMeasure != null && values.stream().noneMatch(v -> v.name().equals(secondMeasure)
                    && v.dataType() instanceof DecimalType)) {
                throw new IllegalArgumentException("the second measure " + secondMeasure + " is no DECIMAL value column");
            }
            Set<String> names = new HashSet<>(List.of(FILE, LINE_NUMBER, KIND, SCENARIO, PERIOD, SOURCE_FILE,
                    REJECTED_MEASURE, REASON, RAW_LINE, REJECTED_SECOND_MEASURE));
            if (!names.add(measure)) {
                throw new IllegalArgumentException("the measure cannot be called " + measure);
            }
            for (StructField value : values) {
                if (!names.add(value.name())) {
                    throw new IllegalArgumentException("two columns or a reserved column called " + value.name());
                }
            }
        }

        /** The Spark schema of the validated lines. */
        public StructType struct() {
            List<StructField> fields = new ArrayList<>(List.of(
                    DataTypes.createStructField(FILE, DataTypes.IntegerType, false),
                    DataTypes.createStructField(LINE_NUMBER, DataTypes.LongType, false),
                    DataTypes.createStructField(KIND, DataTypes.StringType, false),
                    DataTypes.createStructField(PERIOD, DataTypes.IntegerType, true),
                    DataTypes.createStructField(SCENARIO, DataTypes.StringType, true),
                    DataTypes.createStructField(measure, measureType, true),
                    DataTypes.createStructField(REJECTED_MEASURE, DataTypes.StringType, true),
                    DataTypes.createStructField(REASON, DataTypes.StringType, true),
                    DataTypes.createStructField(RAW_LINE, DataTypes.StringType, true)));
            for (StructField value : values) {
                fields.add(DataTypes.createStructField(value.name(), value.dataType(), true));
            }
            if (secondMeasure != null) {
                fields.add(DataTypes.createStructField(REJECTED_SECOND_MEASURE, DataTypes.StringType, true));
            }
            return DataTypes.createStructType(fields);
        }

        /**
         * A valid line turned into a rejected one by a rule across lines ({@link DeliveryRule}): its
         * measure, at the measure's scale, still counts in the file's total.
         *
         * @param reason the controller's reason
         * @param rawLine the text shown in quarantine for it
         */
        public ExtractLine reject(ExtractLine line, String reason, String rawLine) {
            if (line.kind() != Kind.VALID) {
                throw new IllegalStateException("line " + line.lineNumber() + " is " + line.kind() + ", not valid");
            }
            BigDecimal second = null;
            if (secondMeasure != null) {
                int index = valueIndex(secondMeasure);
                BigDecimal value = (BigDecimal) line.values().get(index);
                second = value == null ? null : value.setScale(((DecimalType) values.get(index).dataType()).scale(),
                        RoundingMode.UNNECESSARY);
            }
            return rejected(line.lineNumber(), reason, rawLine,
                    line.measure().setScale(measureType.scale(), RoundingMode.UNNECESSARY), second);
        }

        /** The index of a value column in a line's values. */
        int valueIndex(String name) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("the lines have no column " + name);
        }

        /**
         * {@code line} as a row of {@link #struct()} in Spark's internal form, made straight from the
         * parsed values (no {@code Row} and no encoder in between); {@code file} is the delivery's index
         * in the load.
         */
        InternalRow internalRow(int file, ExtractLine line) {
            Object[] row = new Object[9 + values.size() + (secondMeasure == null ? 0 : 1)];
            row[0] = file;
            row[1] = line.lineNumber();
            row[2] = KIND_TEXT[line.kind().ordinal()];
            switch (line.kind()) {
                case VALID -> {
                    if (line.values().size() != values.size()) {
                        throw new IllegalStateException("line " + line.lineNumber() + " has " + line.values().size()
                                + " values, the schema " + values.size());
                    }
                    row[3] = line.period();
                    row[4] = UTF8String.fromString(line.scenario());
                    // The measure's scale exactly; UNNECESSARY fails rather than round should a parser
                    // let more decimals through (validation rejects those lines before they get here).
                    row[5] = Decimal.apply(line.measure().setScale(measureType.scale(), RoundingMode.UNNECESSARY),
                            measureType.precision(), measureType.scale());
                    for (int i = 0; i < values.size(); i++) {
                        row[9 + i] = toCatalyst(line.values().get(i), values.get(i).dataType());
                    }
                }
                case REJECTED -> {
                    row[6] = line.measure() == null ? null : UTF8String.fromString(line.measure().toPlainString());
                    row[7] = UTF8String.fromString(line.reason());
                    row[8] = line.rawLine() == null ? null : UTF8String.fromString(line.rawLine());
                    if (secondMeasure != null && line.rejectedSecondMeasure() != null) {
                        row[9 + values.size()] = UTF8String.fromString(line.rejectedSecondMeasure().toPlainString());
                    }
                }
                case BLANK -> { }
            }
            return new GenericInternalRow(row);
        }

        /** A source's value in Spark's internal form for its column's type. */
        static Object toCatalyst(Object value, DataType type) {
            if (value == null) {
                return null;
            }
            if (value instanceof String text) {
                return UTF8String.fromString(text);
            }
            if (value instanceof LocalDate date) {
                return Math.toIntExact(date.toEpochDay());
            }
            if (value instanceof BigDecimal decimal && type instanceof DecimalType decimalType) {
                return Decimal.apply(decimal, decimalType.precision(), decimalType.scale());
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Boolean
                    || value instanceof Double) {
                return value;
            }
            return CatalystTypeConverters.convertToCatalyst(value);
        }
    }
}
