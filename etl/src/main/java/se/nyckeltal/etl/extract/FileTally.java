package se.nyckeltal.etl.extract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * What validation found in one delivery, counted in one pass over the validated lines: rows, the
 * measure (exact, BigDecimal; "amount" below, as in {@code FileOutcome}), the partitions the valid
 * rows fall in, and the first problems; and the same sums of a {@link ExtractLine.Schema#secondMeasure} where the
 * source has one (zero otherwise). Mutable while Spark folds lines into it; read on the driver afterwards.
 */
final class FileTally implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How many problems a rejection message quotes. */
    static final int FIRST_PROBLEMS = 5;


    private long rowsRead;
    private long blankLines;
    private long rowsQuarantined;
    private long rowsUnparsedAmount;
    private BigDecimal amountTotal = BigDecimal.ZERO;
    private BigDecimal amountQuarantined = BigDecimal.ZERO;
    private BigDecimal secondTotal = BigDecimal.ZERO;
    private BigDecimal secondQuarantined = BigDecimal.ZERO;
    private final TreeMap<ScenarioPeriod, Cell> partitions = new TreeMap<>();
    private final TreeMap<Long, String> firstProblems = new TreeMap<>();

    /** Valid rows, their amount and their second measure in one partition. */
    record Cell(long rows, BigDecimal amount, BigDecimal second) implements Serializable {
        static final Cell EMPTY = new Cell(0, BigDecimal.ZERO, BigDecimal.ZERO);

        Cell plus(Cell other) {
            return new Cell(rows + other.rows, amount.add(other.amount), second.add(other.second));
        }
    }

    /**
     * One Spark job over the validated lines of a load: a tally per file index.
     *
     * @param schema the lines' schema: its measure and second measure are summed
     */
    static HashMap<Integer, FileTally> of(Dataset<Row> lines, ExtractLine.Schema schema) {
        // The columns add(Row) reads, in this order.
        String[] columns = {ExtractLine.FILE, ExtractLine.KIND, ExtractLine.LINE_NUMBER, ExtractLine.SCENARIO,
            ExtractLine.PERIOD, schema.measure(), ExtractLine.REJECTED_MEASURE, ExtractLine.REASON};
        List<Column> selected = new ArrayList<>(Arrays.stream(columns).map(functions::col).toList());
        boolean second = schema.secondMeasure() != null;
        selected.add(second ? functions.col(schema.secondMeasure()) : functions.lit(null).cast(DataTypes.createDecimalType()));
        selected.add(second ? functions.col(ExtractLine.REJECTED_SECOND_MEASURE) : functions.lit(null).cast(DataTypes.StringType));
        return lines.select(selected.toArray(Column[]::new))
                .toJavaRDD()
                .aggregate(new HashMap<>(), FileTally::add, FileTally::merge);
    }

    private static HashMap<Integer, FileTally> add(HashMap<Integer, FileTally> tallies, Row row) {
        tallies.computeIfAbsent(row.getInt(0), file -> new FileTally()).add(row);
        return tallies;
    }

    private static HashMap<Integer, FileTally> merge(HashMap<Integer, FileTally> into, HashMap<Integer, FileTally> from) {
        from.forEach((file, tally) -> into.merge(file, tally, FileTally::merge));
        return into;
    }

    private void add(Row row) {
        switch (ExtractLine.Kind.valueOf(row.getString(1))) {
            case BLANK -> blankLines++;
            case VALID -> {
                rowsRead++;
                BigDecimal amount = row.getDecimal(5);
                BigDecimal second = row.isNullAt(8) ? BigDecimal.ZERO : row.getDecimal(8);
                amountTotal = amountTotal.add(amount);
                secondTotal = secondTotal.add(second);
                partitions.merge(new ScenarioPeriod(row.getString(3), row.getInt(4)), new Cell(1, amount, second),
                        Cell::plus);
            }
            case REJECTED -> {
                rowsRead++;
                rowsQuarantined++;
                if (row.isNullAt(6)) {
                    rowsUnparsedAmount++;
                } else {
                    BigDecimal amount = new BigDecimal(row.getString(6));
                    amountTotal = amountTotal.add(amount);
                    amountQuarantined = amountQuarantined.add(amount);
                }
                if (!row.isNullAt(9)) {
                    BigDecimal second = new BigDecimal(row.getString(9));
                    secondTotal = secondTotal.add(second);
                    secondQuarantined = secondQuarantined.add(second);
                }
                noteProblem(row.getLong(2), row.getString(7));
            }
        }
    }

    private FileTally merge(FileTally other) {
        rowsRead += other.rowsRead;
        blankLines += other.blankLines;
        rowsQuarantined += other.rowsQuarantined;
        rowsUnparsedAmount += other.rowsUnparsedAmount;
        amountTotal = amountTotal.add(other.amountTotal);
        amountQuarantined = amountQuarantined.add(other.amountQuarantined);
        secondTotal = secondTotal.add(other.secondTotal);
        secondQuarantined = secondQuarantined.add(other.secondQuarantined);
        other.partitions.forEach((key, cell) -> partitions.merge(key, cell, Cell::plus));
        other.firstProblems.forEach(this::noteProblem);
        return this;
    }

    private void noteProblem(long lineNumber, String reason) {
        firstProblems.put(lineNumber, reason);
        if (firstProblems.size() > FIRST_PROBLEMS) {
            firstProblems.pollLastEntry();
        }
    }

    /** Data rows: every line after the header that is not blank. */
    long rowsRead() {
        return rowsRead;
    }

    long blankLines() {
        return blankLines;
    }

    long rowsQuarantined() {
        return rowsQuarantined;
    }

    long rowsUnparsedAmount() {
        return rowsUnparsedAmount;
    }

    /** Every parseable measure in the file, valid or not. */
    BigDecimal amountTotal() {
        return amountTotal;
    }

    BigDecimal amountQuarantined() {
        return amountQuarantined;
    }

    /** Every parseable second measure in the file, valid or not (zero for a source without one). */
    BigDecimal secondTotal() {
        return secondTotal;
    }

    BigDecimal secondQuarantined() {
        return secondQuarantined;
    }

    long rowsValid() {
        return rowsRead - rowsQuarantined;
    }

    BigDecimal amountValid() {
        return partitions.values().stream().map(Cell::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Valid rows per partition, in partition order. */
    SortedMap<ScenarioPeriod, Cell> partitions() {
        return Collections.unmodifiableSortedMap(partitions);
    }

    /** The first few problems by line number. */
    SortedMap<Long, String> firstProblems() {
        return Collections.unmodifiableSortedMap(firstProblems);
    }

    /** The tally of a file whose lines never reached Spark (unreadable) or that had none. */
    static FileTally empty() {
        return new FileTally();
    }
}
