package se.nyckeltal.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.jobs.hdfs.InProcessHdfs;
import se.nyckeltal.jobs.load.WarehouseMirror;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.GatewayServer;

/**
 * The cluster jar under spark-submit on the two-worker standalone cluster with landing and warehouse on HDFS
 * (an in-process {@code MiniDFSCluster}, {@link InProcessHdfs}, which the driver and the executors reach on
 * loopback): the published {@code kpi.kpi_values} is byte for byte the one of a local-mode load of the same
 * files from local disk, every task ran on the executors, and a gateway serving the warehouse through a local
 * mirror of its own answers with it.
 */
class ClusterHdfsLoadTest {
    private static final String KEY = "cluster-hdfs-pseudonym-key-0123456789";

    @RegisterExtension
    static final InProcessHdfs HDFS = new InProcessHdfs();

    @TempDir
    static Path root;

    private static StandaloneCluster cluster;
    private static Path localWarehouse;
    private static Path hdfsWarehouse;
    private static ClusterApplication load;

    @BeforeAll
    static void loadLocallyAndOnTheClusterOverHdfs() throws Exception {
        Path landing = root.resolve("landing");
        assertThat(NyckeltalCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(System.err, true),
                "generate", "--landing", landing.toString(), "--scale", "S", "--years", "1", "--to",
                ClusterLoadTest.MONTH)).isZero();
        ClusterLoadTest.keepOnlyTheLastMonth(landing);
        Path keyFile = Files.writeString(root.resolve("pseudonym.key"), KEY);
        localWarehouse = root.resolve("warehouse-local");
        Process local = ClusterLoadTest.startLocalLoad(landing, localWarehouse, keyFile, root.resolve("local-load.log"));
        cluster = StandaloneCluster.start(root.resolve("cluster"), 2, "1g");
        assertThat(local.waitFor(10, TimeUnit.MINUTES)).as("local load within the timeout").isTrue();
        assertThat(local.exitValue()).as(Files.readString(root.resolve("local-load.log"))).isZero();

        Path hdfsLanding = HDFS.upload(landing, "/region/landing");
        hdfsWarehouse = HDFS.path("/region/warehouse");
        load = cluster.submitCli("hdfs-load", ClusterJarTest.clusterJar(), Map.of("NYCKELTAL_PSEUDONYM_KEY", KEY),
                List.of("load", "--landing", hdfsLanding.toString(), "--warehouse", hdfsWarehouse.toString(),
                        "--local-mirror", root.resolve("load-mirror").toString()));
        System.out.printf("spark-submit hdfs-load: %.1f s%n", load.seconds());
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theClusterLoadOverHdfsRanOnTheExecutorsOfBothWorkers() throws Exception {
        assertThat(hdfsWarehouse.toUri().getScheme()).isEqualTo("hdfs");
        load.assertRanOnBothWorkers(cluster.masterUrl());
    }

    @Test
    void aGatewayOnAMirrorOfTheHdfsWarehouseServesTheKpisOfALocalLoad() throws Exception {
        WarehouseMirror mirror = new WarehouseMirror(new WarehouseLayout(hdfsWarehouse),
                new WarehouseLayout(root.resolve("gateway-mirror")));
        String snapshot = mirror.follow().orElseThrow();
        String expected = ClusterLoadTest.kpiValuesCsv(localWarehouse);
        assertThat(ClusterLoadTest.kpiValuesCsv(mirror.local().root())).isEqualTo(expected);

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
}
