package se.nyckeltal.warehouse.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real client binary (psql, isql) and captures what it printed. */
record ClientProcess(int exitCode, String out, String err) {
    static ClientProcess run(Path workDir, Map<String, String> environment, String stdin, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(workDir.toFile());
        builder.environment().putAll(environment);
        Path outFile = workDir.resolve("client-" + System.nanoTime() + ".out");
        Path errFile = workDir.resolve("client-" + System.nanoTime() + ".err");
        builder.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new ClientProcess(process.exitValue(), java.nio.file.Files.readString(outFile, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8));
    }

    static List<String> args(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
