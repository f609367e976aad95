package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import se.nyckeltal.jobs.process.CliProcess;

/**
 * One CLI command in a fresh JVM, timed from process start to exit — JVM start, Spark start and all —
 * as the nightly scheduler runs it. Peak memory is the child's VmHWM (high-water mark of its resident
 * set), read from /proc while it runs; on a system without /proc it is unknown.
 *
 * @param wallMillis process start to exit
 * @param peakRssBytes the child's peak resident set, or -1 when unknown
 * @param exitCode the CLI's exit code
 * @param log the child's output (stdout and stderr)
 */
record ChildRun(List<String> arguments, long wallMillis, long peakRssBytes, int exitCode, Path log) {
    private static final long POLL_MILLIS = 50;

    ChildRun {
        arguments = List.copyOf(arguments);
        requireNonNull(log, "log");
    }

    static ChildRun run(List<String> arguments, Path log) {
        return run(arguments, log, java.util.Map.of());
    }

    /** @param environment added to this process's environment for the child */
    static ChildRun run(List<String> arguments, Path log, java.util.Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(CliProcess.command(arguments));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long started = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", arguments), e);
        }
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = -1;
        try {
            while (!process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                OptionalLong hwm = highWaterMark(status);
                if (hwm.isPresent()) {
                    peak = Math.max(peak, hwm.getAsLong());
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + String.join(" ", arguments) + " ran", e);
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        return new ChildRun(arguments, wall, peak, process.exitValue(), log);
    }

    /** The last lines of the child's output, for an error message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** VmHWM of a /proc/PID/status file in bytes; empty once the process is gone, or without /proc. */
    static OptionalLong highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).strip().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc here
        }
        return OptionalLong.empty();
    }
}
