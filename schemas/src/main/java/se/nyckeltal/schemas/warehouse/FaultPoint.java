package se.nyckeltal.schemas.warehouse;

/**
 * Named points of a load's publish sequence where the fault-injection tests kill a real load process
 * ({@code kill -9}). With the system property {@value #PROPERTY} set to a step's name, the load prints
 * {@code fault point reached: <step>} on stderr when it gets there and waits to be killed; without it
 * (every real run) {@link #reach} does nothing.
 */
public final class FaultPoint {
    /** The step a load stops at, for the fault-injection tests only. */
    public static final String PROPERTY = "nyckeltal.faultPoint";
    /** What the load prints when it stops. */
    public static final String REACHED = "fault point reached: ";

    /** Spark has started and the new files are being staged. */
    public static final String STAGING = "staging";
    /** The new facts are committed under facts/; no catalogue lists them yet. */
    public static final String COMMITTED = "committed";
    /** The catalogue is half built: {@code catalogue/<id>.duckdb.building} exists. */
    public static final String BUILDING = "building";
    /** The catalogue is renamed into place; {@code current} still names the previous snapshot. */
    public static final String BUILT = "built";
    /** {@code current} names the new snapshot; its load record does not say so yet. */
    public static final String SWAPPED = "swapped";

    private FaultPoint() {}

    public static void reach(String step) {
        if (!step.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.err.println(REACHED + step);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
