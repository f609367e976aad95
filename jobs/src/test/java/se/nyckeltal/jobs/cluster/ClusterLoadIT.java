package se.nyckeltal.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.jobs.cli.NyckeltalCli;
import se.nyckeltal.jobs.process.CliProcess;

/**
 * The cluster jar under spark-submit on a real standalone cluster (a master and two workers of one core and
 * 1 GB each, {@link StandaloneCluster}), landing and warehouse on this machine's disk ({@code file://}), which
 * the workers share: the published {@code kpi.kpi_values} is byte for byte the one of a local-mode load of the
 * same files, the work ran on the cluster's executors, and no executor got the HR pseudonym key on disk.
 *
 * <p>The fixture region is the generator's demo region (scale S), its last month and its yearly budget and
 * forecast files: every source, small enough for two loads on two one-core workers.
 */
class ClusterLoadIT {
    private static final String KEY = "cluster-test-pseudonym-key-0123456789";
    private static final String MONTH = "2026-10";
    private static final String CLI = "se.nyckeltal.jobs.cli.NyckeltalCli";
    private static final long TIMEOUT_MINUTES = 8;

    @TempDir
    static Path root;

    private static StandaloneCluster cluster;
    private static Path localWarehouse;
    private static Path clusterWarehouse;
    private static SubmittedApp load;
    private static SubmittedApp taskRun;

    /**
     * The local reference loads the whole fixture at once. On the cluster, `load` takes every source but HR, then
     * the DAG's load_and_publish task (`task run`) the HR extract, with the pseudonym key in the driver's
     * environment only: that second application is where the key travels to the executors inside the tasks.
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
        Process local = new ProcessBuilder(CliProcess.command(List.of("load", "--landing", landing.toString(),
                "--warehouse", localWarehouse.toString(), "--pseudonym-key-file", keyFile.toString())))
                .redirectErrorStream(true).redirectOutput(root.resolve("local-load.log").toFile()).start();
        cluster = StandaloneCluster.start(root.resolve("cluster"), 2, "1g");
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
        load.assertRanOnBothWorkers();
        taskRun.assertRanOnBothWorkers();
        JsonNode completed = cluster.state().path("completedapps");
        assertThat(completed.findValuesAsText("id")).as("the master's completed applications")
                .contains(load.id(), taskRun.id());
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

    /** spark-submit of the cluster jar, client deploy mode, with the key in the driver's environment only. */
    private static SubmittedApp submit(String name, List<String> cliArguments) throws Exception {
        Path events = Files.createDirectories(root.resolve("events-" + name));
        Path log = root.resolve("submit-" + name + ".log");
        List<String> arguments = new ArrayList<>(List.of("--deploy-mode", "client", "--name", "nyckeltal-" + name,
                "--class", CLI,
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                "--conf", "spark.executor.extraJavaOptions=-Duser.timezone=Europe/Stockholm",
                ClusterJarIT.clusterJar().toString()));
        arguments.addAll(cliArguments);
        long started = System.nanoTime();
        Process process = cluster.submit(log, Map.of("NYCKELTAL_PSEUDONYM_KEY", KEY), arguments).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("spark-submit " + name + " did not end within " + TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log));
        }
        assertThat(process.exitValue()).as("spark-submit " + name + ":\n" + Files.readString(log)).isZero();
        System.out.printf("spark-submit %s: %.1f s%n", name, (System.nanoTime() - started) / 1e9);
        try (Stream<Path> files = Files.list(events)) {
            List<Path> logs = files.toList();
            assertThat(logs).as("one event log of " + name).hasSize(1);
            return new SubmittedApp(name, logs.get(0));
        }
    }

    /** An application's event log: which master it ran on, its executors and where its tasks ran. */
    private record SubmittedApp(String name, Path eventLog) {
        private static final ObjectMapper JSON = new ObjectMapper();

        String id() throws IOException {
            for (JsonNode event : events()) {
                if (event.path("Event").asText().equals("SparkListenerApplicationStart")) {
                    return event.path("App ID").asText();
                }
            }
            throw new AssertionError("no application start in " + eventLog);
        }

        void assertRanOnBothWorkers() throws IOException {
            String master = null;
            Set<String> executors = new HashSet<>();
            Set<String> taskExecutors = new HashSet<>();
            int tasks = 0;
            for (JsonNode event : events()) {
                switch (event.path("Event").asText()) {
                    case "SparkListenerEnvironmentUpdate" ->
                            master = event.path("Spark Properties").path("spark.master").asText(null);
                    case "SparkListenerExecutorAdded" -> executors.add(event.path("Executor ID").asText());
                    case "SparkListenerTaskEnd" -> {
                        tasks++;
                        taskExecutors.add(event.path("Task Info").path("Executor ID").asText());
                    }
                    default -> { }
                }
            }
            assertThat(master).as(name + "'s master").isEqualTo(cluster.masterUrl());
            assertThat(executors).as(name + "'s executors, one per worker").hasSize(2).doesNotContain("driver");
            assertThat(tasks).as(name + "'s tasks").isPositive();
            assertThat(taskExecutors).as("where " + name + "'s tasks ran").isEqualTo(executors);
        }

        /** The events in order: Spark 4 writes a rolling log, a folder of {@code events_N_…} files. */
        private List<JsonNode> events() throws IOException {
            List<Path> parts;
            if (Files.isDirectory(eventLog)) {
                try (Stream<Path> files = Files.list(eventLog)) {
                    parts = files.filter(f -> f.getFileName().toString().startsWith("events_"))
                            .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().split("_")[1])))
                            .toList();
                }
            } else {
                parts = List.of(eventLog);
            }
            List<JsonNode> events = new ArrayList<>();
            for (Path part : parts) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        }
    }

    /** kpi.kpi_values as `nyckeltal sql --format csv` prints it, every column, sorted on all of them. */
    private static String kpiValuesCsv(Path warehouse) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "sql", "--warehouse",
                warehouse.toString(), "--format", "csv", "SELECT * FROM kpi.kpi_values ORDER BY ALL");
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    /** The generated region's last month of each monthly source, its yearly files and the reference data. */
    private static void keepOnlyTheLastMonth(Path landing) throws IOException {
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
