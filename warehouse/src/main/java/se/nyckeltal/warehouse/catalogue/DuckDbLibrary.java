package se.nyckeltal.warehouse.catalogue;

import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DuckDB's native library, loaded ahead of the first connection. DuckDB JDBC loads its library when the first
 * connection is made: from the folder bin/nyckeltal unpacked it into ({@link DuckDbNativeLibrary}), or, run from
 * DuckDB's own jar, inflated (71 MB) into the JVM's temp folder first — with the JDBC drivers' lookup ≈ 0.3 s of one
 * core, most of it inflating. A command that will open a catalogue after work of its own (the
 * load's reference data and landing listing, a check task's start) starts it at once, on the other core; the first
 * connection then finds it done, or waits for it (class initialisation holds the JVM's lock).
 */
public final class DuckDbLibrary {
    /** DuckDB JDBC's class whose initialisation unpacks and loads the library. */
    private static final String NATIVE_CLASS = "org.duckdb.DuckDBNative";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DuckDbLibrary() {}

    /**
     * Starts loading the library, then the JDBC drivers, on a daemon thread, once per JVM. Call it after the JVM's temp
     * folder is settled (the library is unpacked there) and before the logging configuration is read, which then
     * runs beside it. Touches no logger. A failure is left to the first connection, which reports it in its own
     * words.
     */
    public static void loadInBackground() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Class.forName(NATIVE_CLASS, true, DuckDbLibrary.class.getClassLoader());
                DriverManager.getDrivers(); // the drivers' service lookup, over every jar of the class path
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // the first connection fails with DuckDB's own message
            }
        }, "duckdb-library");
        thread.setDaemon(true);
        thread.start();
    }
}
