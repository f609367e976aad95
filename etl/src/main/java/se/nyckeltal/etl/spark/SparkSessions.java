package se.nyckeltal.etl.spark;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way jobs get a SparkSession. Without a configured master (no {@code spark.master}, so not
 * under spark-submit) it is a quiet local session on all cores; under spark-submit the master and
 * everything the operator configured are left alone (SPEC §2: master never set in code).
 */
public final class SparkSessions {
    /** System property that overrides the number of shuffle partitions. */
    public static final String SHUFFLE_PARTITIONS_PROPERTY = "nyckeltal.shufflePartitions";
    public static final String TIME_ZONE = "Europe/Stockholm";
    /** Set on a local session this class started: no one else in the JVM was given it before. */
    private static final String STARTED_HERE = "spark.nyckeltal.startedLocally";
    private static final int LOCAL_SHUFFLE_PARTITIONS = 4;
    /** Partition files one write task keeps open at once (spark.sql.maxConcurrentOutputFileWriters). */
    public static final int CONCURRENT_OUTPUT_FILES = 32;
    /** The Hadoop file system of file: paths ({@link NioPermissionsLocalFileSystem} in a local session). */
    public static final String LOCAL_FILE_SYSTEM = "spark.hadoop.fs.file.impl";
    /** Libraries that log thousands of lines below WARN in one local run. */
    private static final List<String> CHATTY_LOGGERS =
            List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop", "org.apache.parquet", "io.netty");

    private SparkSessions() {}

    public static SparkSession getOrCreate(String appName) {
        requireNonNull(appName, "appName");
        // A session that already runs (a test's shared session, a notebook) is used as configured.
        var existing = SparkSession.getActiveSession();
        if (existing.isDefined()) {
            return existing.get();
        }
        existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            return existing.get();
        }
        // SparkConf reads the spark.* system properties, which is how spark-submit hands over its settings.
        SparkConf submitted = new SparkConf();
        boolean local = !submitted.contains("spark.master");
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (local) {
            quietLibraryLogging();
            builder.master("local[*]");
            builder.config(STARTED_HERE, "true");
            builder.config("spark.ui.enabled", "false");
            // The console progress bar would interleave with the CLI's own progress output.
            defaultConfig(builder, submitted, "spark.ui.showConsoleProgress", "false");
            // Local runs need no network name; binding to loopback avoids hostname lookups in containers.
            defaultConfig(builder, submitted, "spark.driver.host", "localhost");
            defaultConfig(builder, submitted, "spark.driver.bindAddress", "127.0.0.1");
            // The default 200 shuffle partitions cost more than they help on a laptop-sized load.
            defaultConfig(builder, submitted, "spark.sql.shuffle.partitions", String.valueOf(LOCAL_SHUFFLE_PARTITIONS));
            // A load reads a few hundred Parquet files by path; above this many paths Spark lists them
            // in a distributed job, one task per path, which costs seconds locally and saves nothing.
            defaultConfig(builder, submitted, "spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
            // Without Hadoop's native library, local writes fork a chmod process per folder and file.
            defaultConfig(builder, submitted, LOCAL_FILE_SYSTEM, NioPermissionsLocalFileSystem.class.getName());
        }
        String shufflePartitions = System.getProperty(SHUFFLE_PARTITIONS_PROPERTY);
        if (shufflePartitions != null) {
            builder.config("spark.sql.shuffle.partitions", Integer.parseInt(shufflePartitions.strip()));
        }
        // SPEC §9: an explicit zone and NTZ timestamps written as TIMESTAMP_MICROS, so DuckDB reads
        // the same wall-clock time Spark wrote; ANSI mode so a decimal overflow fails instead of
        // turning into NULL.
        defaultConfig(builder, submitted, "spark.sql.session.timeZone", TIME_ZONE);
        defaultConfig(builder, submitted, "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        defaultConfig(builder, submitted, "spark.sql.timestampType", "TIMESTAMP_NTZ");
        defaultConfig(builder, submitted, "spark.sql.ansi.enabled", "true");
        // A partitioned write keeps this many files of one task open instead of sorting the task's rows by
        // partition first: an ingest task holds whole delivered files, each a few fact partitions, so the sort
        // only cost time and memory. A task with more partitions sorts the rest, as before.
        defaultConfig(builder, submitted, "spark.sql.maxConcurrentOutputFileWriters",
                String.valueOf(CONCURRENT_OUTPUT_FILES));
        return builder.getOrCreate();
    }

    /**
     * Whether {@code session} is a local one that {@link #getOrCreate} started, not one that ran before (a test's
     * shared session, a notebook's) or one under spark-submit: only such a session may be stopped by the job
     * that asked for it.
     */
    public static boolean startedLocally(SparkSession session) {
        return session.sparkContext().getConf().getBoolean(STARTED_HERE, false);
    }

    /**
     * A local run without a logging configuration would print Spark's and Hadoop's INFO and DEBUG
     * lines (Logback's default is DEBUG to the console); there it shows their warnings only. A
     * logback.xml on the class path, or any other SLF4J backend, decides for itself. Spark's own
     * {@code setLogLevel} cannot do this: it only works when Log4j 2 is the backend. Reflection keeps
     * Logback a runtime choice of the application rather than a dependency of etl.
     */
    private static void quietLibraryLogging() {
        Object backend = LoggerFactory.getILoggerFactory();
        ClassLoader loader = backend.getClass().getClassLoader();
        if (!backend.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")
                || System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback.xml") != null || loader.getResource("logback-test.xml") != null) {
            return;
        }
        try {
            Class<?> level = Class.forName("ch.qos.logback.classic.Level", true, loader);
            Object warn = level.getField("WARN").get(null);
            for (String name : CHATTY_LOGGERS) {
                Logger logger = LoggerFactory.getLogger(name);
                logger.getClass().getMethod("setLevel", level).invoke(logger, warn);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Logging stays as it is; noisy is better than failing the job.
        }
    }

    /** Our default, unless whoever submitted the job chose a value. */
    private static void defaultConfig(SparkSession.Builder builder, SparkConf submitted, String key, String value) {
        if (!submitted.contains(key)) {
            builder.config(key, value);
        }
    }
}
