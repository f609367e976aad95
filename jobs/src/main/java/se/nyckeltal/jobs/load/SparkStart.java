package se.nyckeltal.jobs.load;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A load's SparkSession, started at most once: in the background as soon as the listing finds a file to parse
 * ({@link #startInBackground}), so that Spark's start (seconds: its context, its RPC and block manager, class
 * loading) overlaps the rest of the listing, which hashes the delivered files; or when the ingest asks for it.
 */
final class SparkStart {
    private final Supplier<SparkSession> spark;
    private FutureTask<SparkSession> starting;
    private boolean taken;

    SparkStart(Supplier<SparkSession> spark) {
        this.spark = requireNonNull(spark, "spark");
    }

    /** Starts the session on a thread of its own, unless it is starting already. */
    void startInBackground() {
        if (starting == null) {
            starting = new FutureTask<>(spark::get);
            Thread thread = new Thread(starting, "nyckeltal-spark-start");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The session, once started (here, when nothing started it before). */
    SparkSession get() {
        if (starting == null) {
            starting = new FutureTask<>(spark::get);
            starting.run();
        }
        taken = true;
        return join();
    }

    /** A session started in the background that the load never asked for (it failed before its ingest). */
    Optional<SparkSession> startedButNotTaken() {
        if (starting == null || taken) {
            return Optional.empty();
        }
        try {
            return Optional.of(join());
        } catch (RuntimeException | Error notStarted) {
            return Optional.empty(); // nothing to hand off; the load did not need it
        }
    }

    private SparkSession join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return starting.get();
                } catch (InterruptedException e) {
                    interrupted = true; // Spark's start is not interruptible: wait for it, then say so
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Spark did not start", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
