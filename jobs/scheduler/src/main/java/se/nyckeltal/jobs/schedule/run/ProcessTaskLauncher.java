package se.nyckeltal.jobs.schedule.run;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import se.nyckeltal.jobs.process.CliProcess;
import se.nyckeltal.jobs.process.JvmScratch;

/**
 * Runs each attempt as {@code bash -c COMMAND}, output appended to the attempt's log file — what an
 * Airflow BashOperator does. {@code nyckeltal} in a command is this very build: a small launcher
 * script in {@code STATE/bin}, first on the PATH, starts the CLI with this JVM's java, flags and
 * class path.
 */
public final class ProcessTaskLauncher implements TaskLauncher {
    private final Path binDir;

    public ProcessTaskLauncher(Path binDir) {
        this.binDir = requireNonNull(binDir, "binDir").toAbsolutePath().normalize();
        writeLauncher();
    }

    @Override
    public Attempt launch(Launch launch) throws IOException {
        Files.createDirectories(launch.logFile().getParent());
        Files.writeString(launch.logFile(), "[" + Instant.now() + "] attempt " + launch.tryNumber() + ": "
                + launch.command() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", launch.command());
        builder.environment().putAll(launch.environment());
        builder.environment().put("PATH", binDir + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        Instant started = process.info().startInstant().orElse(null);
        return new Attempt() {
            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public Instant processStart() {
                return started;
            }

            @Override
            public OptionalInt exitCode() {
                return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
            }

            @Override
            public void kill() {
                killTree(process.toHandle());
            }

            @Override
            public CompletableFuture<?> ended() {
                return process.onExit();
            }
        };
    }

    /** Ends a process and its descendants, children first so none is re-parented and missed. */
    public static void killTree(ProcessHandle process) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The JIT flag of a nightly DAG task ({@code task run ingest_*}, {@code load_and_publish}, {@code verify_published},
     * {@code data_quality_checks}, and the ids of earlier releases): C1 only. Each is a JVM that lives seconds to a
     * few tens of seconds — a source task parses one night's deliveries, load_and_publish's work is DuckDB's (native
     * code), the checks run a few queries; with tiered compilation its compiler threads compile for about as long as
     * the task lives (JFR, {@code -XX:+CITime}), on the same two cores, for code that runs too briefly to repay C2
     * (measured at scale M: 20–43 % less CPU per source task, about a third less per check; BENCHMARKS.md). The
     * monthly reports (hundreds of documents in one JVM) keep tiered compilation. bin/nyckeltal does the same for the
     * command an Airflow BashOperator runs; the scheduler's own JVM flags ({@code NYCKELTAL_JAVA_OPTS}) come after it
     * and may set another level.
     */
    static final String NIGHTLY_TASK_JIT = "-XX:TieredStopAtLevel=1";
    /** The task ids that get {@link #NIGHTLY_TASK_JIT}, as a bash case pattern (bin/nyckeltal has the same). */
    static final String NIGHTLY_TASK_IDS = "ingest_*|validate_*|load_and_publish|build_facts|verify_published"
            + "|publish_catalogue|data_quality_checks";
    private static final String NIGHTLY_TASK_JIT_SCRIPT = "JIT=\n"
            + "if [ \"${1:-}\" = task ] && [ \"${2:-}\" = run ]; then\n"
            + "  case \"${3:-}\" in " + NIGHTLY_TASK_IDS + ") JIT=" + NIGHTLY_TASK_JIT + " ;; esac\n"
            + "fi\n";
    /**
     * The class data sharing archive mapped where it was dumped, as bin/nyckeltal maps it for every command but
     * {@code serve} and {@code scheduler}: JDK 17's updates map it at a random address and patch each pointer of its
     * ~190 MB, ~85 ms of every task's start. The scheduler runs with the randomised address (bin/nyckeltal), so its
     * own flags cannot carry this to its tasks. Without an archive the flag does nothing.
     */
    static final String ARCHIVE_AT_DUMP_ADDRESS = "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0";
    private static final String ARCHIVE_MAPPING_SCRIPT = "MAPPING='" + ARCHIVE_AT_DUMP_ADDRESS + "'\n"
            + "case \"${1:-}\" in serve|scheduler) MAPPING= ;; esac\n";

    /** STATE/bin/nyckeltal: the CLI of the running build, so task commands need no install. */
    private void writeLauncher() {
        // Each run of the script is a JVM with a scratch folder of its own (JvmScratch): tasks run side by side,
        // and a JVM removes its folder when it exits, so a folder fixed in the script would be pulled from under
        // the tasks still running. exec keeps the shell's pid, the folder's name, for java.
        String root = JvmScratch.root().toString();
        List<String> command = CliProcess.command("-Djava.io.tmpdir=SCRATCH_FOLDER");
        String script = "#!/usr/bin/env bash\n"
                + "# Written by the nyckeltal scheduler: runs the CLI of the build that scheduled the task.\n"
                + "SCRATCH=" + quote(root) + "/" + JvmScratch.PREFIX + "$$\n"
                + "mkdir -p \"$SCRATCH\" || exit 1\n"
                + NIGHTLY_TASK_JIT_SCRIPT
                + ARCHIVE_MAPPING_SCRIPT
                + "exec " + quote(command.get(0)) + " $JIT $MAPPING " + command.subList(1, command.size()).stream()
                        .map(a -> a.equals("-Djava.io.tmpdir=SCRATCH_FOLDER") ? "-Djava.io.tmpdir=\"$SCRATCH\"" : quote(a))
                        .collect(Collectors.joining(" "))
                + " \"$@\"\n";
        try {
            Files.createDirectories(binDir);
            Path file = binDir.resolve("nyckeltal");
            Path tmp = binDir.resolve("nyckeltal.tmp");
            Files.writeString(tmp, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the task launcher in " + binDir, e);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
