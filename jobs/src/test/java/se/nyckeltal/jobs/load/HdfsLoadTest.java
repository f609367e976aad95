package se.nyckeltal.jobs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.etl.storage.StoreLocationException;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.etl.testing.SharedSpark;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.jobs.hdfs.InProcessHdfs;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;
import se.nyckeltal.warehouse.gateway.GatewayConfig;
import se.nyckeltal.warehouse.gateway.GatewayServer;
import se.nyckeltal.warehouse.query.OutputFormat;
import se.nyckeltal.warehouse.query.QueryRunner;

/**
 * A load whose landing zone and warehouse are on HDFS (SPEC §6, Scale-out): the ledger, production and
 * HR fixtures loaded from {@code hdfs://} into {@code hdfs://} publish exactly the {@code kpi.kpi_values}
 * (every row, sorted CSV) that a load of the same files between local folders publishes.
 *
 * <p>That load runs once, before the tests; the test of a second publish serves a copy of its landing zone and
 * warehouse (a copy on HDFS costs milliseconds, a load many seconds), so no test depends on another's order.
 */
@ExtendWith(SharedSpark.class)
class HdfsLoadTest {
    @RegisterExtension
    static final InProcessHdfs HDFS = new InProcessHdfs();

    @TempDir
    static Path tmp;

    private static final String KPI_VALUES = "SELECT * FROM kpi.kpi_values ORDER BY ALL";

    /** The local load's kpi.kpi_values. */
    private static String local;
    /** The load of the same files from HDFS into HDFS ({@code /region}), its catalogue built in {@code load-mirror}. */
    private static LoadRecord hdfsLoad;

    @BeforeAll
    static void loadLocallyAndFromHdfs() throws Exception {
        Path landing = tmp.resolve("landing");
        LedgerLandingFixtures.write(landing);
        ProductionLandingFixtures.write(landing);
        LedgerLandingFixtures.write(landing.resolve("hr/tid-2025-01.csv"), StandardCharsets.UTF_8, String.join("\n",
                "datum;anställningsnummer;kst;personalkategori;yrke;kön;födelseår;timtyp;timmar",
                "2025-01-02;E1;U1;egen;Sjuksköterska;K;1980;Arbetad;8",
                "2025-01-02;E2;U1;egen;Läkare;M;1975;Sjuk;8",
                "2025-01-03;E2;U1;egen;Läkare;M;1975;Arbetad;8",
                ""));
        Files.writeString(tmp.resolve("key"), "hdfs-load-test-key-0123456789abcdef\n");
        LoadRecord record = load(landing, tmp.resolve("warehouse"), null);
        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        local = kpiValues(new WarehouseLayout(tmp.resolve("warehouse")));
        assertThat(local.lines().count()).isGreaterThan(100);

        hdfsLoad = load(HDFS.upload(landing, "/region/landing"), HDFS.path("/region/warehouse"),
                tmp.resolve("load-mirror"));
        // The published warehouse and its landing zone as they are after the load, for the second publish.
        HDFS.copy("/region", "/served");
    }

    @Test
    void aLoadFromHdfsIntoHdfsPublishesTheKpiValuesOfALocalLoadOfTheSameFiles() throws Exception {
        Path landing = HDFS.path("/region/landing");
        Path warehouse = HDFS.path("/region/warehouse");
        Path mirror = tmp.resolve("load-mirror");

        LoadRecord record = hdfsLoad;

        assertThat(record.outcome()).isEqualTo(LoadRecord.Outcome.PUBLISHED);
        assertThat(record.files()).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.LOADED);
        assertThat(kpiValues(new WarehouseLayout(mirror))).isEqualTo(local);
        // Everything the load wrote is on HDFS: facts, the catalogue, its manifest and the versioned pointer.
        WarehouseLayout stored = new WarehouseLayout(warehouse);
        assertThat(new WarehouseStore(stored).currentSnapshotId()).contains(record.snapshotId());
        assertThat(stored.publishedPointersDir().resolve("00000000000000000001")).exists();
        assertThat(stored.currentPointer()).doesNotExist();
        assertThat(stored.catalogueFile(record.snapshotId())).exists();
        assertThat(Files.size(stored.catalogueFile(record.snapshotId())))
                .isEqualTo(Files.size(new WarehouseLayout(mirror).catalogueFile(record.snapshotId())));
        try (Stream<Path> months = Files.list(stored.factTableDir("ledger").resolve("year=2024"))) {
            assertThat(months.map(p -> p.getFileName().toString())).contains("month=01", "month=02");
        }
        assertThat(stored.restrictedFactsDir().resolve("hr_day")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.restrictedDir())))
                .as("employee-level data is the load user's only, on HDFS too").isEqualTo("rwx------");
        assertThat(stored.stagingRoot().resolve(record.loadId())).doesNotExist();

        // The same files again: nothing new, and a mirror folder of its own catches up with the store.
        Path freshMirror = tmp.resolve("fresh-mirror");
        LoadRecord again = load(landing, warehouse, freshMirror);
        assertThat(again.outcome()).isEqualTo(LoadRecord.Outcome.NOTHING_NEW);
        WarehouseMirror follower = new WarehouseMirror(stored, new WarehouseLayout(tmp.resolve("follower")));
        assertThat(follower.follow()).contains(record.snapshotId());
        assertThat(kpiValues(follower.local())).isEqualTo(local);
    }

    @Test
    void twoGatewaysOnTwoMirrorFoldersOfOneWarehouseBothServeANewPublish() throws Exception {
        // A copy of the /region load's landing zone and published warehouse (see loadLocallyAndFromHdfs)
        Path landing = HDFS.path("/served/landing");
        Path warehouse = HDFS.path("/served/warehouse");
        WarehouseLayout stored = new WarehouseLayout(warehouse);
        String first = hdfsLoad.snapshotId();
        assertThat(new WarehouseStore(stored).currentSnapshotId()).contains(first);
        List<WarehouseMirror> mirrors = List.of(
                new WarehouseMirror(stored, new WarehouseLayout(tmp.resolve("gateway-a"))),
                new WarehouseMirror(stored, new WarehouseLayout(tmp.resolve("gateway-b"))));
        List<GatewayServer> gateways = new ArrayList<>();
        List<MirrorFollower> followers = new ArrayList<>();
        try {
            for (WarehouseMirror mirror : mirrors) {
                assertThat(mirror.follow()).contains(first);
                GatewayConfig config = GatewayConfig.defaults().withListen("127.0.0.1", 0).withInsecureLocal()
                        .withPollInterval(Duration.ofMillis(100))
                        .withTempDirectory(mirror.local().root().resolveSibling(mirror.local().root().getFileName()
                                + "-tmp"));
                gateways.add(GatewayServer.start(mirror.local(), config));
                followers.add(MirrorFollower.start(mirror, Duration.ofMillis(200)));
            }
            assertThat(gateways).allMatch(g -> g.catalogue().current().snapshotId().equals(first));

            // March's salaries at U1 (500 kr) arrive on HDFS; the load publishes there only.
            try (OutputStream out = Files.newOutputStream(landing.resolve("ledger/huvudbok-2025-03.csv"))) {
                out.write("period;kst;konto;belopp\n202503;U1;4010;500.00\n".getBytes(StandardCharsets.UTF_8));
            }
            String second = load(landing, warehouse, tmp.resolve("served-load-mirror")).snapshotId();
            assertThat(second).isNotEqualTo(first);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!gateways.stream().allMatch(g -> g.catalogue().current().snapshotId().equals(second))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            for (GatewayServer gateway : gateways) {
                assertThat(gateway.catalogue().current().snapshotId()).isEqualTo(second);
                try (Connection client = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port()
                        + "/nyckeltal?user=demo&sslmode=disable")) {
                    assertThat(LandingRun.rows(client, "SELECT sum(amount) FROM fact.ledger WHERE period = 202503"))
                            .containsExactly("500");
                }
            }
        } finally {
            followers.forEach(MirrorFollower::close);
            gateways.forEach(GatewayServer::close);
        }
    }

    @Test
    void theNightlyLoadTaskLoadsAWarehouseOnHdfsAndKeepsTheGeneratedKeyOwnerOnly() throws Exception {
        Path landing = HDFS.upload(tmp.resolve("landing"), "/nightly/landing");
        Path warehouse = HDFS.path("/nightly/warehouse");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty(JvmScratch.ROOT_PROPERTY, tmp.resolve("scratch").toString()); // the default mirror's place
        int exit;
        Path defaultMirror;
        try {
            defaultMirror = WarehouseMirror.defaultFolder(warehouse);
            exit = NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "task", "run",
                    "load_and_publish", "--dag", "nightly", "--ds", "2025-03-14", "--data-interval-start",
                    "2025-03-14T03:30:00+00:00", "--data-interval-end", "2025-03-15T03:30:00+00:00", "--landing",
                    landing.toString(), "--warehouse", warehouse.toString());
        } finally {
            System.clearProperty(JvmScratch.ROOT_PROPERTY);
        }

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains(": PUBLISHED");
        WarehouseLayout stored = new WarehouseLayout(warehouse);
        assertThat(new WarehouseStore(stored).currentSnapshotId()).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.generatedPseudonymKeyFile())))
                .isEqualTo("rw-------");
        assertThat(defaultMirror).as("the catalogue was built in the default mirror")
                .startsWith(tmp.resolve("scratch").resolve("nyckeltal-mirror"))
                .isDirectory();
    }

    @Test
    void aLocationWhoseSchemeHasNoFileSystemOnTheClasspathIsOneLineNamingWhatToAdd() {
        assertThatThrownBy(() -> StorePaths.of("s3a://region-bucket/warehouse"))
                .isInstanceOf(StoreLocationException.class)
                .hasMessage("s3a://region-bucket/warehouse: no file system for s3a:// on the classpath; add"
                        + " org.apache.hadoop:hadoop-aws (with its AWS SDK bundle) to the classpath (spark-submit"
                        + " --packages …, or the cluster's Hadoop jars)");
    }

    @Test
    void anUnreachableStoreFailsTheLoadNamingTheLocation() throws IOException {
        Path warehouse = StorePaths.of("hdfs://127.0.0.1:" + closedPort() + "/w");
        assertThatThrownBy(() -> load(tmp.resolve("landing"), warehouse, tmp.resolve("unreachable-mirror")))
                .isInstanceOf(LoadFailedException.class)
                .hasMessageStartingWith("cannot reach the warehouse " + warehouse + " (")
                .hasMessageContaining("check that the store is running and reachable from this machine");
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LoadRecord load(Path landing, Path warehouse, Path mirror) {
        LoadSettings settings = new LoadSettings(landing, warehouse, new BigDecimal("0.20"), tmp.resolve("key"))
                .withLocalMirror(mirror);
        return new LoadJob(settings, () -> SparkSessions.getOrCreate("test"), Clock.systemUTC(), LoadProgress.SILENT)
                .run();
    }

    private static String kpiValues(WarehouseLayout layout) throws SQLException, IOException {
        StringWriter csv = new StringWriter();
        QueryRunner.run(layout, KPI_VALUES, OutputFormat.CSV, csv);
        return csv.toString();
    }
}
