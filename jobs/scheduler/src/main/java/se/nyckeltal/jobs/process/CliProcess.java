package se.nyckeltal.jobs.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts this very build's CLI in a new JVM: the same java, the same JVM flags
 * (Spark's --add-opens, heap size, time zone) and the same class path. The scheduler runs its tasks
 * with it and the benchmark its loads, so a child measures exactly what {@code bin/nyckeltal} runs.
 */
public final class CliProcess {
    private static final String MAIN_CLASS = "se.nyckeltal.jobs.cli.NyckeltalCli";

    private CliProcess() {}

    /** java, its flags, -cp and the CLI's main class; append the CLI's arguments. */
    public static List<String> command() {
        return command("-Djava.io.tmpdir=" + JvmScratch.newProcessFolder());
    }

    /**
     * {@link #command()} with {@code scratchFlag} for its {@code -Djava.io.tmpdir}: a launcher script that starts
     * many JVMs passes one that names a new folder each time it runs.
     */
    public static List<String> command(String scratchFlag) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // A debugger or profiler agent of this JVM must not be started a second time, nor the class list of a JVM
        // that trains the class data sharing archive (bin/nyckeltal) written again by each of its children; the
        // archive it reads is handed on (the same class path).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")
                        && !a.startsWith("-XX:ArchiveClassesAtExit") && !a.startsWith("-XX:DumpLoadedClassList"))
                // a scratch folder of its own, not this JVM's (JvmScratch)
                .filter(a -> !a.startsWith("-Djava.io.tmpdir=") && !a.startsWith("-D" + JvmScratch.ROOT_PROPERTY + "="))
                .forEach(command::add);
        command.add("-D" + JvmScratch.ROOT_PROPERTY + "=" + JvmScratch.root());
        command.add(scratchFlag);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        return command;
    }

    /** {@link #command()} followed by the CLI arguments. */
    public static List<String> command(List<String> arguments) {
        List<String> command = command();
        command.addAll(arguments);
        return command;
    }
}
