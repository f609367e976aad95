package se.nyckeltal.etl.ledger.sie;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One {@code #TRANS} row of a verification that read cleanly.
 *
 * @param period YYYYMM of the transaction date, else of the verification date; 0 when neither is known
 *     (the verification is then rejected as a whole)
 * @param costCenter the dimension 1 object, or null
 */
record TransactionRow(
        int period, String account, String costCenter, BigDecimal amount, long lineNumber, String rawLine) {
    TransactionRow {
        requireNonNull(account, "account");
        requireNonNull(amount, "amount");
    }
}
