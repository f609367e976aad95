package se.nyckeltal.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One batch of månadsrapporter written by {@code nyckeltal report} in a new JVM: how many reports, wall time
 * from process start to exit (catalogue open and JVM start included) and the child's peak resident set.
 */
public record ReportPhase(String name, String org, String format, int reports, long wallMillis, long peakRssBytes) {
    public double reportsPerMinute() {
        return wallMillis == 0 ? 0 : reports * 60_000.0 / wallMillis;
    }

    /** Runs {@code report --org ORG --format FORMAT --out OUT} on the warehouse and counts the reports written. */
    static ReportPhase run(String name, Path warehouse, String period, String org, String format, Path out, Path log) {
        ChildRun child = ChildRun.run(List.of("report", "--warehouse", warehouse.toString(), "--period", period, "--org",
                org, "--format", format, "--out", out.toString()), log);
        if (child.exitCode() != 0) {
            throw new IllegalStateException("the " + name + " reports failed (exit " + child.exitCode() + "); its output, "
                    + child.log() + ", ends with:\n" + child.tail(15));
        }
        int reports = 1;
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                reports = (int) files.filter(f -> f.getFileName().toString().startsWith("manadsrapport-")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ReportPhase(name, org, format, reports, child.wallMillis(), child.peakRssBytes());
    }
}
