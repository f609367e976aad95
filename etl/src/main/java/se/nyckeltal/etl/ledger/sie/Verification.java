package se.nyckeltal.etl.ledger.sie;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import se.nyckeltal.etl.ledger.RejectedLine;

/**
 * A {@code #VER} and the rows of its {@code { }} block, held until the block closes so the whole
 * verification can be checked: a ledger must balance, so a verification loads whole or not at all
 * (SIE 4B #TRANS note 4: the rows of a verification sum to zero).
 */
final class Verification {
    private final String series;
    private final String number;
    private final long lineNumber;
    private final int period;
    private final String headerProblem;
    private final List<TransactionRow> rows = new ArrayList<>();
    private final List<RejectedLine> unreadable = new ArrayList<>();

    /**
     * @param period YYYYMM of the verification date, 0 when it could not be read
     * @param headerProblem why the #VER line itself cannot be used, or null
     */
    Verification(String series, String number, long lineNumber, int period, String headerProblem) {
        this.series = series == null ? "" : series;
        this.number = number == null ? "" : number;
        this.lineNumber = lineNumber;
        this.period = period;
        this.headerProblem = headerProblem;
    }

    /** YYYYMM of the verification date (verdatum), 0 when unknown. */
    int period() {
        return period;
    }

    long lineNumber() {
        return lineNumber;
    }

    void add(TransactionRow row) {
        rows.add(row);
    }

    /** A row that could not be read; its reason is completed with what it means for the verification. */
    void addUnreadable(long line, String reason, String rawLine, BigDecimal amount) {
        unreadable.add(
                new RejectedLine(line, reason + "; " + describe() + " is therefore not loaded", rawLine, amount));
    }

    /** "verification A 12 (#VER on line 5)", or without series and number "the verification on line 5". */
    String describe() {
        if (series.isEmpty() && number.isEmpty()) {
            return "the verification on line " + lineNumber;
        }
        return "verification " + (series + " " + number).strip() + " (#VER on line " + lineNumber + ")";
    }

    /** The outcome once the block has closed: rows to load, or every row rejected with the reason. */
    record Outcome(List<TransactionRow> accepted, List<RejectedLine> rejected) {
        Outcome {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }
    }

    Outcome close() {
        List<RejectedLine> rejected = new ArrayList<>(unreadable);
        String reason = null;
        if (headerProblem != null) {
            reason = headerProblem + "; its rows are not loaded";
        } else if (!unreadable.isEmpty()) {
            reason = describe() + " is not loaded because its row on line " + unreadable.get(0).lineNumber()
                    + " cannot be read, so it cannot be checked to balance; a verification loads whole or not at all";
        } else {
            BigDecimal sum = BigDecimal.ZERO.setScale(2);
            for (TransactionRow row : rows) {
                sum = sum.add(row.amount());
            }
            if (sum.signum() != 0) {
                reason = describe() + " does not balance: its #TRANS rows sum to " + sum.toPlainString()
                        + " instead of 0.00 (debit must equal credit), so none of its " + rows.size()
                        + " rows is loaded";
            }
        }
        if (reason == null) {
            return new Outcome(rows, rejected);
        }
        for (TransactionRow row : rows) {
            rejected.add(new RejectedLine(row.lineNumber(), reason, row.rawLine(), row.amount()));
        }
        return new Outcome(List.of(), rejected);
    }
}
