package se.nyckeltal.etl.ledger;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One valid ledger amount as read from a delivery, before aggregation to the fact grain. Both ledger
 * formats (CSV and SIE 4) produce these.
 *
 * @param period YYYYMM
 * @param scenario ACTUAL, BUDGET or FORECAST
 * @param activity null when the delivery has none
 * @param counterpart null when the delivery has none
 * @param amount debit positive (costs +, revenues −), scale at most 2
 * @param lineNumber physical line in the delivered file (1 = first line)
 */
public record LedgerEntry(
        int period, String scenario, String costCenter, String account, String activity, String counterpart,
        BigDecimal amount, long lineNumber) implements Serializable {
    public LedgerEntry {
        requireNonNull(scenario, "scenario");
        requireNonNull(costCenter, "costCenter");
        requireNonNull(account, "account");
        requireNonNull(amount, "amount");
    }
}
