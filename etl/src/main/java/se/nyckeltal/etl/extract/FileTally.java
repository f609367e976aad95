package se.nyckeltal.etl.extract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.types.DecimalType;

/**
 * What validation found in one delivery, counted in one pass over its validated lines (in the one
 * Spark task that reads the file): rows, the measure (exact, BigDecimal; "amount" below, as in
 * {@code FileOutcome}), the partitions the valid rows fall in, the first problems, and whether the
 * file is at its fact grain already; and the same sums of a {@link ExtractLine.Schema#secondMeasure}
 * where the source has one (zero otherwise). Mutable while the task counts; read on the driver
 * afterwards.
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

    /** Whether no two valid lines of the file fall on one fact row ({@link FactGrain#atGrain}). */
    private boolean atGrain = true;
    private boolean ruleBroken;

    /**
     * Counts one validated line of the file, in a Spark task.
     *
     * @param schema the lines' schema: its measure and second measure are summed, each at its type's scale
     */
    void add(ExtractLine line, ExtractLine.Schema schema) {
        switch (line.kind()) {
            case BLANK -> blankLines++;
            case VALID -> {
                rowsRead++;
                BigDecimal amount = line.measure().setScale(schema.measureType().scale(), RoundingMode.UNNECESSARY);
                BigDecimal second = BigDecimal.ZERO;
                if (schema.secondMeasure() != null) {
                    int index = schema.valueIndex(schema.secondMeasure());
                    BigDecimal value = (BigDecimal) line.values().get(index);
                    if (value != null) {
                        second = value.setScale(((DecimalType) schema.values().get(index).dataType()).scale(),
                                RoundingMode.UNNECESSARY);
                    }
                }
                amountTotal = amountTotal.add(amount);
                secondTotal = secondTotal.add(second);
                partitions.merge(new ScenarioPeriod(line.scenario(), line.period()), new Cell(1, amount, second),
                        Cell::plus);
            }
            case REJECTED -> {
                rowsRead++;
                rowsQuarantined++;
                if (line.measure() == null) {
                    rowsUnparsedAmount++;
                } else {
                    // As exact as the text: a rejected measure may have more decimals than the type holds.
                    BigDecimal amount = new BigDecimal(line.measure().toPlainString());
                    amountTotal = amountTotal.add(amount);
                    amountQuarantined = amountQuarantined.add(amount);
                }
                if (line.rejectedSecondMeasure() != null) {
                    BigDecimal second = new BigDecimal(line.rejectedSecondMeasure().toPlainString());
                    secondTotal = secondTotal.add(second);
                    secondQuarantined = secondQuarantined.add(second);
                }
                noteProblem(line.lineNumber(), line.reason());
            }
        }
    }

    /** The file breaks the source's rule across lines: the tally counts the lines the rule rejected. */
    void markRuleBroken() {
        ruleBroken = true;
    }

    boolean ruleBroken() {
        return ruleBroken;
    }

    void notAtGrain() {
        atGrain = false;
    }

    /** True when every valid line of the file is a fact row of its own: its facts need no summing. */
    boolean atGrain() {
        return atGrain;
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
