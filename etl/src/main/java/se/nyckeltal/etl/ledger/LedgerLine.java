package se.nyckeltal.etl.ledger;

import java.io.Serializable;
import java.math.RoundingMode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One physical line of a ledger delivery after validation: a ledger entry, a rejected line, or a
 * blank line (counted, never loaded). Both ledger formats produce these; Spark carries them as rows
 * of {@link #SCHEMA}, tagged with the delivery's position in the load.
 */
record LedgerLine(Kind kind, long lineNumber, LedgerEntry entry, RejectedLine rejected) implements Serializable {
    enum Kind {
        ENTRY,
        REJECTED,
        BLANK
    }

    static final String FILE = "file";
    static final String LINE_NUMBER = "line_number";
    static final String KIND = "kind";
    static final String PERIOD = "period";
    static final String SCENARIO = "scenario";
    static final String COST_CENTER = "cost_center";
    static final String ACCOUNT = "account";
    static final String ACTIVITY = "activity";
    static final String COUNTERPART = "counterpart";
    /** A valid entry's amount, DECIMAL(18,2). */
    static final String AMOUNT = "amount";
    /**
     * A rejected line's amount when it could be parsed, exact as a plain string: it may have more
     * decimals or digits than DECIMAL(18,2) holds, and it still counts in the file's total.
     */
    static final String REJECTED_AMOUNT = "rejected_amount";
    static final String REASON = "reason";
    static final String RAW_LINE = "raw_line";

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(FILE, DataTypes.IntegerType, false),
            DataTypes.createStructField(LINE_NUMBER, DataTypes.LongType, false),
            DataTypes.createStructField(KIND, DataTypes.StringType, false),
            DataTypes.createStructField(PERIOD, DataTypes.IntegerType, true),
            DataTypes.createStructField(SCENARIO, DataTypes.StringType, true),
            DataTypes.createStructField(COST_CENTER, DataTypes.StringType, true),
            DataTypes.createStructField(ACCOUNT, DataTypes.StringType, true),
            DataTypes.createStructField(ACTIVITY, DataTypes.StringType, true),
            DataTypes.createStructField(COUNTERPART, DataTypes.StringType, true),
            DataTypes.createStructField(AMOUNT, DataTypes.createDecimalType(18, 2), true),
            DataTypes.createStructField(REJECTED_AMOUNT, DataTypes.StringType, true),
            DataTypes.createStructField(REASON, DataTypes.StringType, true),
            DataTypes.createStructField(RAW_LINE, DataTypes.StringType, true)));

    static LedgerLine of(LedgerEntry entry) {
        return new LedgerLine(Kind.ENTRY, entry.lineNumber(), entry, null);
    }

    static LedgerLine of(RejectedLine rejected) {
        return new LedgerLine(Kind.REJECTED, rejected.lineNumber(), null, rejected);
    }

    static LedgerLine blank(long lineNumber) {
        return new LedgerLine(Kind.BLANK, lineNumber, null, null);
    }

    /** This line as a row of {@link #SCHEMA}; {@code file} is the delivery's index in the load. */
    Row toRow(int file) {
        switch (kind) {
            case ENTRY:
                // Scale 2 exactly; UNNECESSARY fails rather than round should a caller pass more
                // decimals (validation rejects those lines before they get here).
                return RowFactory.create(file, lineNumber, kind.name(), entry.period(), entry.scenario(),
                        entry.costCenter(), entry.account(), entry.activity(), entry.counterpart(),
                        entry.amount().setScale(2, RoundingMode.UNNECESSARY), null, null, null);
            case REJECTED:
                return RowFactory.create(file, lineNumber, kind.name(), null, null, null, null, null, null, null,
                        rejected.amount() == null ? null : rejected.amount().toPlainString(), rejected.reason(),
                        rejected.rawLine());
            case BLANK:
            default:
                return RowFactory.create(file, lineNumber, kind.name(), null, null, null, null, null, null, null, null,
                        null, null);
        }
    }
}
