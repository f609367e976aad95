package se.nyckeltal.jobs.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback: a master and workers, each a JVM of its own started from
 * spark-core's {@code Master} and {@code Worker} classes, as {@code sbin/start-master.sh} and
 * {@code start-worker.sh} start them. A worker launches executors through Spark's {@code WorkerCommandBuilder},
 * which puts {@code SPARK_HOME/conf} and {@code SPARK_HOME/jars/*} on their class path: the cluster's SPARK_HOME here is a temp folder whose {@code jars/} links Spark's own jars (etl's
 * {@code target/spark-runtime-classpath.txt}) and a logging backend, nothing of nyckeltal — the application
 * brings that in the jar it submits.
 */
final class StandaloneCluster implements AutoCloseable {
    static final String SPARK_CLASSPATH_PROPERTY = "nyckeltal.spark.runtime.classpath";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path sparkHome;
    private final int masterPort;
    private final int masterUiPort;
    private final List<String> jvmOptions;
    private final List<Process> daemons = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StandaloneCluster(Path root, Path sparkHome, int masterPort, int masterUiPort, List<String> jvmOptions) {
        this.root = requireNonNull(root, "root");
        this.sparkHome = requireNonNull(sparkHome, "sparkHome");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.masterPort = masterPort;
        this.masterUiPort = masterUiPort;
    }

    /**
     * A master and {@code workers} workers of one core and {@code workerMemory} each, all registered.
     * {@code jvmOptions} go to every JVM of the cluster: the daemons, the drivers {@link #submit} starts and their
     * executors.
     */
    static StandaloneCluster start(Path root, int workers, String workerMemory, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path sparkHome = sparkHome(root.resolve("spark-home"));
        StandaloneCluster cluster = new StandaloneCluster(root, sparkHome, freePort(), freePort(), jvmOptions);
        try {
            cluster.daemons.add(cluster.daemon("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(cluster.masterUiPort)));
            cluster.awaitWorkers(0);
            for (int i = 1; i <= workers; i++) {
                Path workDir = Files.createDirectories(cluster.workerDir(i).resolve("work"));
                cluster.daemons.add(cluster.daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1",
                        "--memory", workerMemory, "--work-dir", workDir.toString(), cluster.masterUrl()));
            }
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path sparkHome() {
        return sparkHome;
    }

    /** Worker {@code i}'s folder: {@code work/} (the executors' folders) and {@code local/} (their local dirs). */
    Path workerDir(int i) {
        return root.resolve("worker-" + i);
    }

    /** The master's view ({@code /json}): workers, and the running and completed applications. */
    JsonNode state() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the master's /json/ answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /**
     * {@code java -cp SPARK_HOME/jars/* org.apache.spark.deploy.SparkSubmit …}: what {@code bin/spark-submit}
     * runs, client deploy mode (the driver is this process), against this cluster's master.
     */
    ProcessBuilder submit(Path log, Map<String, String> environment, List<String> sparkSubmitArguments) {
        // spark-submit's --driver-java-options, as docs/operators.md gives them: the driver is this JVM (client mode).
        List<String> command = java(concat(List.of("-Xmx1g", "-Djava.io.tmpdir=" + tmp("driver"),
                "-Duser.timezone=Europe/Stockholm"), jvmOptions));
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl()));
        command.addAll(sparkSubmitArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        environment(builder);
        return builder;
    }

    /**
     * spark-submit of the nyckeltal cluster jar, client deploy mode, executors of one core and 1 GB, and waits for
     * it: its event log tells where it ran. {@code environment} is the driver's only (e.g. the pseudonym key);
     * {@code sparkConf} more {@code --conf} settings of the application.
     */
    ClusterApplication submitCli(String name, Path jar, Map<String, String> environment, Map<String, String> sparkConf,
            List<String> cliArguments) throws IOException, InterruptedException {
        Path events = Files.createDirectories(root.resolve("events-" + name));
        Path log = root.resolve("submit-" + name + ".log");
        List<String> arguments = new ArrayList<>(List.of("--deploy-mode", "client", "--name", "nyckeltal-" + name,
                "--class", "se.nyckeltal.jobs.cli.NyckeltalCli",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
                "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri(),
                // one plain JSON-lines file (Spark 4 defaults to rolling, compressed logs)
                "--conf", "spark.eventLog.rolling.enabled=false", "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.executor.extraJavaOptions="
                        + String.join(" ", concat(List.of("-Duser.timezone=Europe/Stockholm"), jvmOptions))));
        sparkConf.forEach((key, value) -> arguments.addAll(List.of("--conf", key + "=" + value)));
        arguments.add(jar.toString());
        arguments.addAll(cliArguments);
        long started = System.nanoTime();
        Process process = submit(log, environment, arguments).start();
        if (!process.waitFor(SUBMIT_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("spark-submit " + name + " did not end within " + SUBMIT_TIMEOUT + ":\n"
                    + Files.readString(log));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            throw new AssertionError("spark-submit " + name + " ended with " + process.exitValue() + ":\n"
                    + Files.readString(log));
        }
        try (Stream<Path> files = Files.list(events)) {
            List<Path> logs = files.toList();
            if (logs.size() != 1) {
                throw new AssertionError("not one event log of " + name + ": " + logs);
            }
            return new ClusterApplication(name, logs.get(0), seconds);
        }
    }

    private Process daemon(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = java(concat(List.of("-Xmx256m", "-Djava.io.tmpdir=" + tmp(name),
                // The REST submission server would take the fixed port 6066; nothing here submits through it.
                "-Dspark.master.rest.enabled=false"), jvmOptions));
        command.add(mainClass);
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        environment(builder);
        if (name.startsWith("worker-")) {
            // The executors' scratch (block manager, shuffle files): inside the worker's folder, so a test can look.
            Path local = root.resolve(name).resolve("local");
            builder.environment().put("SPARK_LOCAL_DIRS", local.toString());
        }
        return builder.start();
    }

    /**
     * What a distribution's {@code bin/load-spark-env.sh} sets: without SPARK_SCALA_VERSION a worker's command builder
     * looks for a source tree's {@code launcher/target/scala-2.13} and no executor starts.
     */
    private void environment(ProcessBuilder builder) {
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    }

    private List<String> java(List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(Arrays.asList(System.getProperty("nyckeltal.spark.jvm.flags", "").trim().split("\\s+")));
        command.add("-cp");
        command.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + File.separator + "*");
        return command;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private String tmp(String name) {
        try {
            return Files.createDirectories(root.resolve("tmp").resolve(name)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitWorkers(int workers) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("a cluster process ended (exit " + daemon.exitValue() + "), see the logs in "
                            + root);
                }
            }
            try {
                JsonNode state = state();
                last = state.toString();
                if (state.path("aliveworkers").asInt(-1) == workers) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // the master's UI is not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not get " + workers + " workers within " + START_TIMEOUT
                + ": " + last + " (logs in " + root + ")");
    }

    /** SPARK_HOME with {@code jars/} (links to Spark's jars and Logback) and {@code conf/logback.xml}. */
    private static Path sparkHome(Path home) throws IOException {
        String listFile = System.getProperty(SPARK_CLASSPATH_PROPERTY);
        if (listFile == null || !Files.isRegularFile(Path.of(listFile))) {
            throw new IllegalStateException("no Spark class path list at " + listFile + " (-D" + SPARK_CLASSPATH_PROPERTY
                    + "): etl's package phase writes it; run the tests through Maven with -pl jobs/tools -am");
        }
        List<String> jars = new ArrayList<>(Arrays.asList(
                Files.readString(Path.of(listFile), StandardCharsets.UTF_8).strip().split(File.pathSeparator)));
        // Spark's own SLF4J backend (log4j-slf4j2-impl) is excluded from our build; a cluster has one, so the
        // daemons and executors here log through Logback, the backend of the test class path.
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("/ch/qos/logback/")).forEach(jars::add);
        Path jarsDir = Files.createDirectories(home.resolve("jars"));
        for (String jar : jars) {
            Path source = Path.of(jar);
            Path link = jarsDir.resolve(source.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, source);
            }
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("logback.xml"), """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.spark.deploy" level="INFO"/>
                  <logger name="org.apache.spark.executor.Executor" level="INFO"/>
                  <root level="WARN"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the workers (they stop their executors), then the master; waits for all of them and their children. */
    @Override
    public void close() throws InterruptedException {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            List<ProcessHandle> children = daemon.descendants().toList();
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
        }
        daemons.clear();
    }
}
