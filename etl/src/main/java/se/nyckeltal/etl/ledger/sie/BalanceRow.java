package se.nyckeltal.etl.ledger.sie;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import se.nyckeltal.schemas.contract.Scenario;

/** One {@code #PSALDO} or {@code #PBUDGET} row that read cleanly: the change on an account in a period. */
record BalanceRow(
        String label, Scenario scenario, int period, String account, ObjectList objects, BigDecimal amount,
        long lineNumber, String rawLine) {
    BalanceRow {
        requireNonNull(label, "label");
        requireNonNull(scenario, "scenario");
        requireNonNull(account, "account");
        requireNonNull(objects, "objects");
        requireNonNull(amount, "amount");
    }

    /** What the row is about, for messages: "#PSALDO 202401 account 5010 {1 "1010"}". */
    String describe() {
        return label + " " + period + " account " + account + " " + objects;
    }
}
