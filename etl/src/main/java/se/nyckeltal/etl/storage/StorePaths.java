package se.nyckeltal.etl.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Landing and warehouse locations (SPEC §6, Scale-out): a plain path or {@code file://} URI is the
 * local file system exactly as before; {@code hdfs://}, {@code s3a://}, {@code abfs://} … are Hadoop
 * file systems, seen as {@link Path}s through {@link HadoopStoreProvider}, so the load's code is the
 * same for both. The Hadoop configuration is the classpath's ({@code core-site.xml},
 * {@code hdfs-site.xml} from {@code HADOOP_CONF_DIR} under spark-submit) plus every
 * {@code spark.hadoop.*} system property, as Spark itself applies them.
 */
public final class StorePaths {
    /** Where the file system of a scheme comes from, for the error that names what to install. */
    private static final Map<String, String> MODULES = Map.of(
            "s3a", "org.apache.hadoop:hadoop-aws (with its AWS SDK bundle)",
            "abfs", "org.apache.hadoop:hadoop-azure",
            "abfss", "org.apache.hadoop:hadoop-azure",
            "wasb", "org.apache.hadoop:hadoop-azure",
            "gs", "com.google.cloud.bigdataoss:gcs-connector");

    private StorePaths() {}

    /**
     * The path of a location given on the command line or in a DAG.
     *
     * @throws StoreLocationException when no file system for the URI's scheme is on the classpath
     */
    public static Path of(String location) {
        int separator = location.indexOf("://");
        if (separator < 2 || !location.substring(0, separator).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return Path.of(location); // a plain path (or a Windows drive letter)
        }
        String scheme = location.substring(0, separator).toLowerCase(Locale.ROOT);
        String rest = location.substring(separator + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        // Not URI-decoded: a location is written as Hadoop and Spark print paths, e.g. ".../huvudbok [rättad].csv".
        String path = slash < 0 ? "/" : rest.substring(slash);
        if (scheme.equals("file")) {
            return Path.of(path);
        }
        try {
            return Provider.INSTANCE.store(scheme, authority).getPath(path);
        } catch (IOException | RuntimeException e) {
            // Hadoop names the scheme it has no class for (UnsupportedFileSystemException), or names a class
            // core-default.xml configures that is not on the classpath (s3a without hadoop-aws).
            if (e instanceof UnsupportedFileSystemException || causedBy(e, ClassNotFoundException.class)) {
                throw new StoreLocationException(location + ": no file system for " + scheme + ":// on the classpath;"
                        + " add " + MODULES.getOrDefault(scheme, "the Hadoop module that provides " + scheme + "://")
                        + " to the classpath (spark-submit --packages …, or the cluster's Hadoop jars)", e);
            }
            throw new StoreLocationException(location + ": cannot use it (" + firstLine(e.getMessage()) + "); check the"
                    + " address and the Hadoop settings (core-site.xml, or --conf spark.hadoop.fs.…)", e);
        }
    }

    /** Whether a path is on a Hadoop file system rather than the local disk. */
    public static boolean remote(Path path) {
        return path.getFileSystem() != FileSystems.getDefault();
    }

    /**
     * Fails with one clear line when a remote location cannot be reached or read; a local one is
     * checked as before, by the caller.
     *
     * @param role what the location is, e.g. {@code "landing"}
     * @throws StoreLocationException naming the location and what to start or grant
     */
    public static void requireReachable(Path location, String role) {
        if (!remote(location)) {
            return;
        }
        Path probe = location;
        try {
            while (probe != null) {
                try {
                    Files.readAttributes(probe, BasicFileAttributes.class);
                    return;
                } catch (NoSuchFileException missing) {
                    probe = probe.getParent(); // a warehouse is created when missing: its parent must be reachable
                }
            }
        } catch (AccessDeniedException e) {
            throw new StoreLocationException("the " + role + " " + location + " is not accessible to the user "
                    + currentUser() + " (" + firstLine(e.getMessage()) + "); grant it read"
                    + (role.equals("landing") ? "" : " and write") + " access there", e);
        } catch (IOException | RuntimeException e) {
            throw new StoreLocationException("cannot reach the " + role + " " + location + " (" + firstLine(e.toString())
                    + "); check that the store is running and reachable from this machine and the Hadoop settings"
                    + " (core-site.xml, or --conf spark.hadoop.fs.…)", e);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String currentUser() {
        try {
            return UserGroupInformation.getCurrentUser().getShortUserName();
        } catch (IOException e) {
            return System.getProperty("user.name");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** One provider per JVM, created on first use of a remote location. */
    private static final class Provider {
        static final HadoopStoreProvider INSTANCE = new HadoopStoreProvider(configuration());

        private static Configuration configuration() {
            Configuration conf = new Configuration();
            System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("spark.hadoop."))
                    .forEach(name -> conf.set(name.substring("spark.hadoop.".length()), System.getProperty(name)));
            return conf;
        }
    }
}
