package se.nyckeltal.etl.ledger;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A physical line that could not be loaded, with a reason a controller can act on.
 *
 * @param amount the line's amount when it could be parsed (for reconciliation), else null
 */
public record RejectedLine(long lineNumber, String reason, String rawLine, BigDecimal amount) implements Serializable {
    public RejectedLine {
        requireNonNull(reason, "reason");
    }
}
