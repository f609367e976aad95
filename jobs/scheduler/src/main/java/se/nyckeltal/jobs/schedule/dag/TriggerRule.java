package se.nyckeltal.jobs.schedule.dag;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When a task may start, given its upstream tasks' states (Airflow's trigger rules, with Airflow's
 * skip propagation: under all_success a skipped upstream skips the task).
 */
public enum TriggerRule {
    /** Every upstream succeeded. A failed upstream makes this upstream_failed, a skipped one skipped. */
    ALL_SUCCESS,
    /** Every upstream finished, whatever its state. */
    ALL_DONE,
    /** No upstream failed (succeeded or skipped). A failed upstream makes this upstream_failed. */
    NONE_FAILED,
    /** At least one upstream failed; when all finished and none failed, this is skipped. */
    ONE_FAILED;

    /** What to do with a waiting task. */
    public enum Decision { WAIT, RUN, SKIP, UPSTREAM_FAILED }

    /**
     * @param total upstream tasks
     * @param succeeded upstream in success
     * @param skipped upstream in skipped
     * @param failed upstream in failed or upstream_failed
     */
    public Decision decide(int total, int succeeded, int skipped, int failed) {
        int done = succeeded + skipped + failed;
        return switch (this) {
            case ALL_SUCCESS -> failed > 0 ? Decision.UPSTREAM_FAILED
                    : skipped > 0 ? Decision.SKIP
                    : succeeded == total ? Decision.RUN : Decision.WAIT;
            case ALL_DONE -> done == total ? Decision.RUN : Decision.WAIT;
            case NONE_FAILED -> failed > 0 ? Decision.UPSTREAM_FAILED
                    : done == total ? Decision.RUN : Decision.WAIT;
            case ONE_FAILED -> failed > 0 ? Decision.RUN
                    : done == total ? Decision.SKIP : Decision.WAIT;
        };
    }

    /** As in DAG files and Airflow: all_success. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TriggerRule fromWire(String text) {
        for (TriggerRule rule : values()) {
            if (rule.wire().equals(text)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a trigger rule; use one of "
                + Arrays.stream(values()).map(TriggerRule::wire).collect(Collectors.joining(", ")));
    }
}
