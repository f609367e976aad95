package se.nyckeltal.etl.spark;

import java.nio.file.Path;
import se.nyckeltal.etl.storage.StorePaths;

/** How a {@link Path} — local, or on a Hadoop file system (see {@link StorePaths}) — is handed to Spark and Hadoop. */
public final class SparkPaths {
    private static final String GLOB_CHARACTERS = "\\*?[]{}";

    private SparkPaths() {}

    /**
     * A path to write to: explicitly on the local file system — the warehouse and landing folders
     * are local even when a cluster's default file system is not — and not URI-escaped, because
     * Hadoop's {@code Path} escapes the string itself (an escaped {@code %20} would become
     * {@code %2520}). A path on a Hadoop file system is its full URI, e.g. {@code hdfs://nn:8020/w/staging/…}:
     * executors on a cluster write there directly.
     */
    public static String local(Path path) {
        if (StorePaths.remote(path)) {
            return path.toAbsolutePath().normalize().toString();
        }
        return "file://" + path.toAbsolutePath().normalize();
    }

    /**
     * A path to read: as {@link #local}, with glob characters escaped. Spark and Hadoop read input
     * paths as glob patterns, so a delivered {@code huvudbok [rättad].csv} would otherwise name
     * something else, or nothing.
     */
    public static String input(Path path) {
        String local = local(path);
        StringBuilder escaped = new StringBuilder(local.length());
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (GLOB_CHARACTERS.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
