package se.nyckeltal.jobs.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.nyckeltal.etl.storage.StorePaths;
import se.nyckeltal.jobs.process.JvmScratch;
import se.nyckeltal.jobs.process.CliProcess;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.FaultPoint;

/**
 * A real {@code nyckeltal load} in a JVM of its own, as the nightly scheduler starts it, optionally
 * told to stop at a {@link FaultPoint} so a test can {@code kill -9} it there.
 */
final class LoadProcess implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;

    private LoadProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param faultPoint the step to stop at, or null to run to the end
     * @param javaTmp the child's java.io.tmpdir as the JVM starts (where its scratch would go by default)
     */
    static LoadProcess start(Path landing, Path warehouse, String faultPoint, Path javaTmp, Path log,
            String... moreArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("load", "--landing", landing.toString(), "--warehouse",
                warehouse.toString(), "--reject-threshold", "0.2", "--pseudonym-key-file", keyFile(warehouse)));
        arguments.addAll(List.of(moreArguments));
        List<String> command = CliProcess.command(arguments);
        // The scratch folder CliProcess made, moved under javaTmp (where the test looks) with a name of ours.
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).startsWith("-Djava.io.tmpdir=")) {
                FileTree.delete(Path.of(command.get(i).substring("-Djava.io.tmpdir=".length())));
                command.set(i, "-Djava.io.tmpdir=" + javaTmp.resolve("nyckeltal-jvm-" + log.getFileName()));
            } else if (command.get(i).startsWith("-D" + JvmScratch.ROOT_PROPERTY + "=")) {
                command.set(i, "-D" + JvmScratch.ROOT_PROPERTY + "=" + javaTmp);
            }
        }
        Files.createDirectories(javaTmp.resolve("nyckeltal-jvm-" + log.getFileName()));
        // A load of a few fixture rows that lives for seconds: C1 alone costs a third less CPU than tiered C2.
        List<String> flags = new ArrayList<>(List.of("-Xmx1g", "-Dnyckeltal.shufflePartitions=1",
                "-XX:TieredStopAtLevel=1"));
        if (faultPoint != null) {
            flags.add("-D" + FaultPoint.PROPERTY + "=" + faultPoint);
        }
        command.addAll(command.indexOf("-cp"), flags);
        Files.createDirectories(javaTmp);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new LoadProcess(builder.start(), log);
    }

    /** The key file the in-process loads of the tests use too, so pseudonyms stay the same. */
    static String keyFile(Path warehouse) throws IOException {
        // The key file is always local: beside a local warehouse, in the temp folder for one on HDFS.
        Path key = StorePaths.remote(warehouse) ? Path.of(System.getProperty("java.io.tmpdir"),
                "nyckeltal-hdfs-fault-test.key") : warehouse.resolveSibling("pseudonym.key");
        if (!Files.exists(key)) {
            Files.writeString(key, "fault-injection-test-key-0123456789abcdef");
        }
        return key.toString();
    }

    /** Waits until the load reports it stopped at its fault point. */
    void awaitFaultPoint(String step) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(FaultPoint.REACHED + step)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the load ended (exit " + process.exitValue() + ") before " + step + ":\n"
                        + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the load did not reach " + step + " in " + TIMEOUT + ":\n" + output());
    }

    /** {@code kill -9}: no shutdown hook, no finally block, no deleteOnExit runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the load did not end in " + TIMEOUT);
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
