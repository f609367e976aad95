package se.nyckeltal.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.jobs.hdfs.InProcessHdfs;
import se.nyckeltal.jobs.load.WarehouseMirror;
import se.nyckeltal.jobs.process.CliProcess;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.GatewayServer;

/**
 * The cluster jar under spark-submit on a real standalone cluster (a master and two workers of one core and
 * 1 GB each, {@link StandaloneCluster}), started once for three applications:
 * <ul>
 *   <li>landing and warehouse on this machine's disk ({@code file://}), which the workers share: {@code load}, then
 *       the DAG's {@code load_and_publish} task ({@code task run});</li>
 *   <li>landing and warehouse on HDFS (an in-process {@code MiniDFSCluster}, {@link InProcessHdfs}, which the
 *       driver and the executors reach on loopback), the catalogue built in a local mirror; a gateway serving the
 *       warehouse through a mirror of its own answers with it.</li>
 * </ul>
 * Each published {@code kpi.kpi_values} is byte for byte the one of a local-mode load of the same files, the work
 * ran on the executors of both workers, and no executor got the HR pseudonym key on disk.
 *
 * <p>The fixture region is the generator's demo region (scale S), its last month and its yearly budget and
 * forecast files: every source, small enough for three loads on two one-core workers.
 */
class ClusterLoadTest {
    private static final String KEY = "cluster-test-pseudonym-key-0123456789";
    static final String MONTH = "2026-10";
    private static final long TIMEOUT_MINUTES = 8;
    /**
     * Every JVM here (the local load, the cluster's daemons, drivers and executors) lives seconds to minutes on
     * a small fixture, beside the others on a few cores: C1 alone costs a third less CPU than tiered C2, which
     * never pays itself back on so little data (a small load's CPU measured with and without).
     */
    static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1");
    /**
     * Sized to the cluster's two cores as an operator would: Spark's default of 200 made three stages of the HR
     * load 200 tasks of a few rows each, most of its time. Two, not the local load's four, so the byte-for-byte
     * comparisons still span two partitionings.
     */
    private static final Map<String, String> SPARK_CONF = Map.of("spark.sql.shuffle.partitions", "2");

    @RegisterExtension
    static final InProcessHdfs HDFS = new InProcessHdfs();

    @TempDir
    static Path root;

    private static StandaloneCluster cluster;
    private static Path localWarehouse;
    private static Path clusterWarehouse;
    private static Path hdfsWarehouse;
    private static ClusterApplication load;
    private static ClusterApplication taskRun;
    private static ClusterApplication hdfsLoad;

    /**
     * The local reference loads the whole fixture at once. On the cluster, `load` takes every source but HR, then
     * the DAG's load_and_publish task (`task run`) the HR extract, with the pseudonym key in the driver's
     * environment only: that second application is where the key travels to the executors inside the tasks.
     * The third loads the whole fixture from HDFS into a warehouse on HDFS.
     */
    @BeforeAll
    static void loadLocallyAndOnTheCluster() throws Exception {
        Path landing = root.resolve("landing");
        int generated = NyckeltalCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(System.err, true),
                "generate", "--landing", landing.toString(), "--scale", "S", "--years", "1", "--to", MONTH);
        assertThat(generated).isZero();
        keepOnlyTheLastMonth(landing);
        Path keyFile = Files.writeString(root.resolve("pseudonym.key"), KEY);
        long started = System.nanoTime();
        // Local mode: the CLI in a JVM of its own as bin/nyckeltal runs it (no spark.master), beside the cluster's start.
        localWarehouse = root.resolve("warehouse-local");
        Process local = ClusterLoadTest.startLocalLoad(landing, localWarehouse, keyFile, root.resolve("local-load.log"),
                SHORT_LIVED_JVM);
        cluster = StandaloneCluster.start(root.resolve("cluster"), 2, "1g", SHORT_LIVED_JVM);
        System.out.printf("cluster started: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(local.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)).as("local load within the timeout").isTrue();
        assertThat(local.exitValue()).as(Files.readString(root.resolve("local-load.log"))).isZero();
        System.out.printf("local load (beside the cluster's start): %.1f s%n", (System.nanoTime() - started) / 1e9);

        Path clusterLanding = root.resolve("landing-cluster");
        copyTree(landing, clusterLanding, "hr");
        clusterWarehouse = root.resolve("warehouse-cluster");
        load = submit("load", List.of("load", "--landing", clusterLanding.toString(), "--warehouse",
                clusterWarehouse.toString()));
        copyTree(landing.resolve("hr"), clusterLanding.resolve("hr"), null);
        taskRun = submit("task-run", List.of("task", "run", "load_and_publish", "--ds", "2026-11-03",
                "--data-interval-start", "2026-11-02T00:00:00+00:00", "--data-interval-end", "2026-11-03T00:00:00+00:00",
                "--run-id", "scheduled__2026-11-03", "--landing", clusterLanding.toString(), "--warehouse",
                clusterWarehouse.toString()));

        Path hdfsLanding = HDFS.upload(landing, "/region/landing");
        hdfsWarehouse = HDFS.path("/region/warehouse");
        hdfsLoad = submit("hdfs-load", List.of("load", "--landing", hdfsLanding.toString(), "--warehouse",
                hdfsWarehouse.toString(), "--local-mirror", root.resolve("load-mirror").toString()));
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clusterPublishesTheKpisOfALocalLoadByteForByte() {
        String expected = kpiValuesCsv(localWarehouse);
        assertThat(expected.lines().count()).as("a fixture with KPIs to compare").isGreaterThan(1000);
        assertThat(expected).as("HR KPIs among them").contains("sick_leave_pct");
        assertThat(kpiValuesCsv(clusterWarehouse)).isEqualTo(expected);
    }

    @Test
    void loadAndTaskRunRanOnTheExecutorsOfBothWorkers() throws Exception {
        load.assertRanOnBothWorkers(cluster.masterUrl());
        taskRun.assertRanOnBothWorkers(cluster.masterUrl());
        JsonNode completed = cluster.state().path("completedapps");
        assertThat(completed.findValuesAsText("id")).as("the master's completed applications")
                .contains(load.id(), taskRun.id());
    }

    @Test
    void theClusterLoadOverHdfsRanOnTheExecutorsOfBothWorkers() throws Exception {
        assertThat(hdfsWarehouse.toUri().getScheme()).isEqualTo("hdfs");
        hdfsLoad.assertRanOnBothWorkers(cluster.masterUrl());
    }

    @Test
    void aGatewayOnAMirrorOfTheHdfsWarehouseServesTheKpisOfALocalLoad() throws Exception {
        WarehouseMirror mirror = new WarehouseMirror(new WarehouseLayout(hdfsWarehouse),
                new WarehouseLayout(root.resolve("gateway-mirror")));
        String snapshot = mirror.follow().orElseThrow();
        String expected = kpiValuesCsv(localWarehouse);
        assertThat(kpiValuesCsv(mirror.local().root())).isEqualTo(expected);

        GatewayConfig config = GatewayConfig.defaults().withListen("127.0.0.1", 0).withInsecureLocal()
                .withTempDirectory(Files.createDirectories(root.resolve("gateway-tmp")));
        try (GatewayServer gateway = GatewayServer.start(mirror.local(), config);
                Connection client = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port()
                        + "/nyckeltal?user=demo&sslmode=disable");
                Statement statement = client.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM kpi.kpi_values")) {
            assertThat(gateway.catalogue().current().snapshotId()).isEqualTo(snapshot);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).as("the gateway's kpi.kpi_values rows")
                    .isEqualTo(expected.lines().count() - 1); // the CSV's header line
        }
    }

    @Test
    void noWorkerOrExecutorFolderHoldsThePseudonymKey() throws Exception {
        List<Path> leaks = new ArrayList<>();
        List<Path> looked = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Stream<Path> files = Files.walk(cluster.workerDir(i))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    looked.add(file);
                    if (file.getFileName().toString().contains("key") || contains(file, KEY)) {
                        leaks.add(file);
                    }
                }
            }
        }
        // Each executor left its folder (the fetched jar, stdout, stderr) in its worker's work dir.
        assertThat(looked).as("the executors' files").anyMatch(f -> f.getFileName().toString().equals("stderr"));
        assertThat(leaks).as("files of the workers and their executors naming or holding the key").isEmpty();
        assertThat(clusterWarehouse.resolve("restricted/pseudonym.key")).as("the key came from the environment")
                .doesNotExist();
    }

    private static ClusterApplication submit(String name, List<String> cliArguments) throws Exception {
        ClusterApplication app = cluster.submitCli(name, ClusterJarTest.clusterJar(), Map.of("NYCKELTAL_PSEUDONYM_KEY", KEY),
                SPARK_CONF, cliArguments);
        System.out.printf("spark-submit %s: %.1f s%n", name, app.seconds());
        return app;
    }

    /** kpi.kpi_values as `nyckeltal sql --format csv` prints it, every column, sorted on all of them. */
    static String kpiValuesCsv(Path warehouse) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "sql", "--warehouse",
                warehouse.toString(), "--format", "csv", "SELECT * FROM kpi.kpi_values ORDER BY ALL");
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    /**
     * A local-mode load: the CLI in a JVM of its own as bin/nyckeltal runs it (no spark.master), with
     * {@code jvmOptions} besides this JVM's.
     */
    static Process startLocalLoad(Path landing, Path warehouse, Path keyFile, Path log, List<String> jvmOptions)
            throws IOException {
        List<String> command = CliProcess.command(List.of("load", "--landing", landing.toString(), "--warehouse",
                warehouse.toString(), "--pseudonym-key-file", keyFile.toString()));
        command.addAll(command.indexOf("-cp"), jvmOptions);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The generated region's last month of each monthly source, its yearly files and the reference data. */
    static void keepOnlyTheLastMonth(Path landing) throws IOException {
        try (Stream<Path> files = Files.walk(landing)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.matches(".*-\\d{4}-\\d{2}\\.csv") && !name.endsWith("-" + MONTH + ".csv")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** A copy of {@code from} at {@code to}, without the top-level folder {@code skip} (may be null). */
    private static void copyTree(Path from, Path to, String skip) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (skip != null && relative.getNameCount() > 0 && relative.getName(0).toString().equals(skip)) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to.resolve(relative.toString()));
                } else {
                    Files.copy(file, to.resolve(relative.toString()));
                }
            }
        }
    }

    private static boolean contains(Path file, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
