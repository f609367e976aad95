package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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

    /**
     * Column of the delivery's index in the load: a check across lines ({@link ExtractIngest}'s
     * acrossRows) groups by it, so that two deliveries of one partition are never checked together.
     */
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
         * Valid lines for which {@code condition} holds, turned into rejected ones; every other line
         * stays as it is. For checks that need several lines at once (ExtractIngest's acrossRows): the
         * measure moves to the rejected measure, so the file still reconciles.
         *
         * @param lines rows of {@link #struct()}, possibly with extra columns (kept as they are)
         * @param reason the controller's reason for a rejected line
         * @param rawLine the text shown in quarantine for it
         */
        public Dataset<Row> reject(Dataset<Row> lines, Column condition, Column reason, Column rawLine) {
            Column hit = col(KIND).equalTo(Kind.VALID.name()).and(coalesce(condition, lit(false)));
            Set<String> cleared = new HashSet<>(List.of(PERIOD, SCENARIO, measure));
            values.forEach(v -> cleared.add(v.name()));
            List<Column> columns = new ArrayList<>();
            for (String name : lines.columns()) {
                Column column = col(name);
                if (name.equals(KIND)) {
                    column = when(hit, lit(Kind.REJECTED.name())).otherwise(column);
                } else if (name.equals(REJECTED_MEASURE)) {
                    column = when(hit, col(measure).cast(DataTypes.StringType)).otherwise(column);
                } else if (name.equals(REJECTED_SECOND_MEASURE)) {
                    column = when(hit, col(secondMeasure).cast(DataTypes.StringType)).otherwise(column);
                } else if (name.equals(REASON)) {
                    column = when(hit, reason).otherwise(column);
                } else if (name.equals(RAW_LINE)) {
                    column = when(hit, rawLine).otherwise(column);
                } else if (cleared.contains(name)) {
                    column = when(hit, lit(null)).otherwise(column);
                }
                columns.add(column.as(name));
            }
            return lines.select(columns.toArray(Column[]::new));
        }

        /** {@code line} as a row of {@link #struct()}; {@code file} is the delivery's index in the load. */
        Row row(int file, ExtractLine line) {
            Object[] row = new Object[9 + values.size() + (secondMeasure == null ? 0 : 1)];
            row[0] = file;
            row[1] = line.lineNumber();
            row[2] = line.kind().name();
            switch (line.kind()) {
                case VALID -> {
                    if (line.values().size() != values.size()) {
                        throw new IllegalStateException("line " + line.lineNumber() + " has " + line.values().size()
                                + " values, the schema " + values.size());
                    }
                    row[3] = line.period();
                    row[4] = line.scenario();
                    // The measure's scale exactly; UNNECESSARY fails rather than round should a parser
                    // let more decimals through (validation rejects those lines before they get here).
                    row[5] = line.measure().setScale(measureType.scale(), RoundingMode.UNNECESSARY);
                    for (int i = 0; i < values.size(); i++) {
                        row[9 + i] = line.values().get(i);
                    }
                }
                case REJECTED -> {
                    row[6] = line.measure() == null ? null : line.measure().toPlainString();
                    row[7] = line.reason();
                    row[8] = line.rawLine();
                    if (secondMeasure != null && line.rejectedSecondMeasure() != null) {
                        row[9 + values.size()] = line.rejectedSecondMeasure().toPlainString();
                    }
                }
                case BLANK -> { }
            }
            return RowFactory.create(row);
        }
    }
}
