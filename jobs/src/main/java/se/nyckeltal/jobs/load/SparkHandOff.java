package se.nyckeltal.jobs.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.apache.spark.sql.SparkSession;
import se.nyckeltal.etl.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a load's own JVM does between the Spark ingest and the DuckDB catalogue build: it stops Spark and
 * gives the heap the ingest grew back to the operating system, so the build's DuckDB memory is not added on
 * top of a heap that holds nothing any more. Without it the full M load peaked at 5.7 GiB: the ingest's
 * 3+ GiB of committed (and touched) heap stayed resident under DuckDB's 3 GB.
 *
 * <p>Only for a local session the job started itself (the CLI's load, the DAG's load task): a test's shared
 * session, a notebook's or spark-submit's keeps running, and {@link LoadJob}'s default does nothing.
 */
public final class SparkHandOff {
    private static final Logger LOG = LoggerFactory.getLogger(SparkHandOff.class);

    private SparkHandOff() {}

    /**
     * Stops {@code session} and runs a full collection: G1 then shrinks the heap to what is live (within
     * {@code -XX:MaxHeapFreeRatio}) and returns the rest to the operating system. Leaves alone a session this
     * JVM's job did not start itself (a test's shared session, spark-submit's, a notebook's).
     */
    public static void stopAndShrink(SparkSession session) {
        if (!SparkSessions.startedLocally(session)) {
            return;
        }
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        session.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        // An explicit collection is the point here: G1 resizes the heap only after a full collection, and the
        // JVM is about to be mostly idle (DuckDB works in native memory), so no other collection would come.
        System.gc();
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        LOG.info("Spark stopped before the catalogue build: heap committed {} MiB → {} MiB, used {} MiB → {} MiB",
                before.getCommitted() >> 20, after.getCommitted() >> 20, before.getUsed() >> 20, after.getUsed() >> 20);
    }
}
