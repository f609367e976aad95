package se.nyckeltal.jobs.schedule.dag;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Airflow's weight_rule: how a task's effective priority weight — the order in which ready tasks get a free
 * slot of the scheduler's parallelism — is made from the priority_weight of the task and its relatives.
 */
public enum WeightRule {
    /** The task's own weight plus that of every task downstream of it, transitively (Airflow's default). */
    DOWNSTREAM("downstream"),
    /** The task's own weight plus that of every task upstream of it, transitively. */
    UPSTREAM("upstream"),
    /** The task's own weight. */
    ABSOLUTE("absolute");

    private final String wire;

    WeightRule(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static WeightRule fromWire(String text) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a weight rule (known: "
                        + Arrays.stream(values()).map(WeightRule::wire).collect(Collectors.joining(", ")) + ")"));
    }
}
