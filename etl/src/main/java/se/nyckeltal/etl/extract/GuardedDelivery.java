package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.List;

/**
 * A delivery whose valid lines also keep the load's limits ({@link LineGuard}: ACTUAL periods not
 * after the business date's next month, text fields of bounded length, a measure that fits the
 * fact's decimal type); a line that breaks one comes out rejected with its line number and reason,
 * so it is counted, quarantined and reconciled like any other rejected line, in the task that reads
 * the file.
 */
record GuardedDelivery(Delivery delivery, LineGuard guard, ExtractLine.Schema schema) implements Delivery {
    private static final long serialVersionUID = 1L;

    GuardedDelivery {
        requireNonNull(delivery, "delivery");
        requireNonNull(guard, "guard");
        requireNonNull(schema, "schema");
    }

    @Override
    public String encoding() {
        return delivery.encoding();
    }

    @Override
    public String delimiter() {
        return delivery.delimiter();
    }

    @Override
    public List<String> warnings() {
        return delivery.warnings();
    }

    @Override
    public Iterator<ExtractLine> lines() {
        return new MappedIterator<>(delivery.lines(), line -> guard.check(line, schema));
    }
}
