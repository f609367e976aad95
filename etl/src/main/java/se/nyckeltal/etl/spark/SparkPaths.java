package se.nyckeltal.etl.spark;

import java.nio.file.Path;

/** How a local {@link Path} is handed to Spark and Hadoop. */
public final class SparkPaths {
    private SparkPaths() {}

    /**
     * Explicitly on the local file system — the warehouse and landing folders are local even when a
     * cluster's default file system is not — and not URI-escaped, because Hadoop's {@code Path}
     * escapes the string itself (an escaped {@code %20} would become {@code %2520}).
     */
    public static String local(Path path) {
        return "file://" + path.toAbsolutePath().normalize();
    }
}
