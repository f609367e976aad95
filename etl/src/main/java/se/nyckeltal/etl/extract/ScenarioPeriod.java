package se.nyckeltal.etl.extract;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Comparator;

/** The (scenario, period) part of a partition key: what one delivery of a source replaces whole. */
record ScenarioPeriod(String scenario, int period) implements Comparable<ScenarioPeriod>, Serializable {
    private static final Comparator<ScenarioPeriod> ORDER =
            Comparator.comparing(ScenarioPeriod::scenario).thenComparingInt(ScenarioPeriod::period);

    ScenarioPeriod {
        requireNonNull(scenario, "scenario");
    }

    /** {@code SCENARIO:YYYYMM}, as in {@code FileOutcome.partitions}. */
    String label() {
        return scenario + ":" + period;
    }

    @Override
    public int compareTo(ScenarioPeriod other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return label();
    }
}
