package se.nyckeltal.etl.testing;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import se.nyckeltal.etl.spark.NioPermissionsLocalFileSystem;
import se.nyckeltal.etl.spark.SparkSessions;

/**
 * One local SparkSession for the whole test JVM (a session costs seconds to start): local[2], two
 * shuffle partitions, no UI, the same time, decimal and write settings as production. Use with
 * {@code @ExtendWith(SharedSpark.class)} and take a {@link SparkSession} parameter in a test, a
 * constructor or a {@code @BeforeAll} method. The session stops when the test run ends.
 */
public final class SharedSpark implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSpark.class);

    /** The JVM's shared session, started on first use. */
    public static SparkSession session(ExtensionContext context) {
        // The root store lives as long as the test run and closes its resources at the end.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Session.class, type -> new Session(start()), Session.class)
                .spark();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session(context);
    }

    private static SparkSession start() {
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "nyckeltal-spark-tests");
        return SparkSession.builder()
                .appName("nyckeltal-tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "Europe/Stockholm")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
                .config("spark.sql.ansi.enabled", "true")
                .config("spark.sql.maxConcurrentOutputFileWriters", SparkSessions.CONCURRENT_OUTPUT_FILES)
                .config(SparkSessions.LOCAL_FILE_SYSTEM, NioPermissionsLocalFileSystem.class.getName())
                .config("spark.sql.warehouse.dir", scratch.resolve("warehouse").toString())
                .getOrCreate();
    }

    private record Session(SparkSession spark) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            spark.stop();
        }
    }
}
