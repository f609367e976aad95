package se.nyckeltal.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.cli.NyckeltalCli;

/**
 * The sizing table of docs/operators.md ("Running on a Spark cluster"): one load of a generated region in local
 * mode (one JVM, {@code local[*]}), then the same files on the two-worker standalone cluster of
 * {@link ClusterLoadTest}, each timed from start to exit, and the same {@code kpi.kpi_values} from both. A
 * measurement, not part of the suite: it runs only when asked for a scale,
 *
 * <pre>
 * mvn -B -ntp -q -pl jobs/tools -am verify -Dtest=ClusterSizingTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dnyckeltal.cluster.sizing=S -Dnyckeltal.cluster.sizing.years=1
 * </pre>
 *
 * and writes its table to {@code jobs/tools/target/cluster-sizing.md}.
 */
@EnabledIfSystemProperty(named = "nyckeltal.cluster.sizing", matches = "[SMLsml]")
class ClusterSizingTest {
    private static final String KEY = "cluster-sizing-pseudonym-key-0123456789";

    @TempDir
    Path root;

    @Test
    void measureOneLoadLocallyAndOnTheTwoWorkerCluster() throws Exception {
        String scale = System.getProperty("nyckeltal.cluster.sizing").toUpperCase(java.util.Locale.ROOT);
        String years = System.getProperty("nyckeltal.cluster.sizing.years", "1");
        Path landing = root.resolve("landing");
        assertThat(NyckeltalCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(System.err, true),
                "generate", "--landing", landing.toString(), "--scale", scale, "--years", years)).isZero();
        long bytes;
        long files;
        try (var walk = Files.walk(landing)) {
            List<Path> all = walk.filter(Files::isRegularFile).toList();
            files = all.size();
            bytes = all.stream().mapToLong(f -> f.toFile().length()).sum();
        }
        Path keyFile = Files.writeString(root.resolve("pseudonym.key"), KEY);

        Path localWarehouse = root.resolve("warehouse-local");
        long started = System.nanoTime();
        // A measurement of the product as it runs: no JVM or Spark settings of the tests' own.
        Process local = ClusterLoadTest.startLocalLoad(landing, localWarehouse, keyFile, root.resolve("local-load.log"),
                List.of());
        assertThat(local.waitFor(60, TimeUnit.MINUTES)).isTrue();
        assertThat(local.exitValue()).as(Files.readString(root.resolve("local-load.log"))).isZero();
        double localSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        ClusterApplication load;
        try (StandaloneCluster cluster = StandaloneCluster.start(root.resolve("cluster"), 2, "1g", List.of())) {
            double startSeconds = (System.nanoTime() - started) / 1e9;
            Path clusterWarehouse = root.resolve("warehouse-cluster");
            load = cluster.submitCli("load", ClusterJarTest.clusterJar(), Map.of("NYCKELTAL_PSEUDONYM_KEY", KEY), Map.of(),
                    List.of("load", "--landing", landing.toString(), "--warehouse", clusterWarehouse.toString()));
            load.assertRanOnBothWorkers(cluster.masterUrl());
            assertThat(ClusterLoadTest.kpiValuesCsv(clusterWarehouse))
                    .isEqualTo(ClusterLoadTest.kpiValuesCsv(localWarehouse));
            String table = String.format(java.util.Locale.ROOT, """
                    | scale %s, %s year(s): %d files, %.0f MB | where | cores | memory | load (s) |
                    |---|---|---|---|---|
                    | local mode | one JVM, `local[*]` | 2 | -Xmx3g | %.0f |
                    | standalone, 2 workers | driver (client mode) + 2 executors | 2 (1 per executor) | driver 1g, executors 1g each | %.0f |
                    | (the cluster's start: master and 2 workers) | | | | %.0f |
                    """, scale, years, files, bytes / 1e6, localSeconds, load.seconds(), startSeconds);
            System.out.print(table);
            Files.writeString(Path.of("target/cluster-sizing.md"), table);
        }
    }
}
