package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.nyckeltal.jobs.generate.DemoRegionGenerator;

/**
 * What one {@code bench} run measured, as a table for the console and as JSON (Jackson writes the
 * record as it is).
 *
 * @param nightlyDag the nightly load's files through the shipped DAG, end to end, from the same warehouse state
 * @param nightlyDagKpiValues its kpi.kpi_values against the plain nightly load's
 * @param nightlyPairs the nightly load's and the DAG's wall times over repeated runs, and the DAG's ratio
 * @param floors the DuckDB floors of the HR and production ingests ({@link DuckDbFloor})
 * @param benchPeakRssBytes peak memory of the bench JVM itself (queries, gateway, baseline)
 * @param loadAverageStart the machine's load average (1, 5, 15 minutes) when the run started: numbers
 *     from a busy machine are slower, ratios within one run less so
 */
public record BenchReport(String scale, int years, String lastMonth, Machine machine, DataSize data, LoadPhase fullLoad,
        LoadPhase nightlyLoad, LoadPhase nothingNewLoad, DagPhase nightlyDag, KpiCheck nightlyDagKpiValues,
        NightlyPairs nightlyPairs, QueryLatencyReport queries, Baseline ledgerBaseline,
        List<DuckDbFloor.FloorResult> floors, KpiCheck kpiValues, List<ReportPhase> reports, long benchPeakRssBytes,
        long benchWallMillis, String loadAverageStart, String loadAverageEnd) {

    public BenchReport {
        requireNonNull(scale, "scale");
        requireNonNull(machine, "machine");
    }

    /** The machine the numbers come from. */
    public record Machine(int cores, long memoryBytes, String cpu, String os, String java) {
        static Machine current() {
            long memory = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                memory = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), memory, cpuModel(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }

        private static String cpuModel() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return System.getProperty("os.arch");
        }
    }

    /** History generated (all sources) and the nightly delta. */
    public record DataSize(List<DemoRegionGenerator.SourceSummary> history, int nightlyFiles) {
        static DataSize of(DemoRegionGenerator.Summary history, List<Path> nightly) {
            return new DataSize(history.sources(), nightly.size());
        }
    }

    /**
     * The DuckDB-only ledger path against the Spark path's {@code ingest.ledger} stage of the full load.
     *
     * @param ratio Spark ingest time ÷ baseline time
     */
    public record Baseline(long wallMillis, long rowsRead, long rowsQuarantined, long factRows, long sparkIngestMillis,
            double ratio, Map<String, Long> phaseMillis) {
        static Baseline of(BaselineResult result, LoadPhase full) {
            long spark = full.stage("ingest.ledger");
            long wall = result.wall().toMillis();
            Map<String, Long> phases = new java.util.LinkedHashMap<>();
            result.phases().forEach((phase, duration) -> phases.put(phase, duration.toMillis()));
            return new Baseline(wall, result.rowsRead(), result.rowsQuarantined(), result.factRows(), spark,
                    wall == 0 ? 0 : (double) spark / wall, phases);
        }
    }

    /**
     * The sorted {@code kpi.kpi_values} this run published, and whether it equals a reference.
     *
     * @param identical null without a reference
     */
    public record KpiCheck(String csv, long rows, String reference, Boolean identical) {
        String summary() {
            String written = String.format(Locale.ROOT, "%,d rows in %s", rows, csv);
            return reference == null ? written + " (no reference given)"
                    : written + (identical ? ": byte-identical to " : ": DIFFERENT from ") + reference;
        }
    }

    /** One of the targets (issues 7 and 19) and where this run stands. */
    public record Target(String target, String measured, boolean met) {}

    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        boolean m = scale.equals("M");
        long nightlyTarget = m ? Benchmark.NIGHTLY_TARGET_MILLIS_M : Benchmark.NIGHTLY_TARGET_MILLIS;
        targets.add(new Target("nightly load (new month + restated month) ≤ " + nightlyTarget / 1000
                + " s wall incl. JVM start", seconds(nightlyLoad.wallMillis()), nightlyLoad.wallMillis() <= nightlyTarget));
        targets.add(new Target("full ledger load ≤ 3× the DuckDB-only baseline",
                String.format(Locale.ROOT, "%.2f×", ledgerBaseline.ratio()),
                ledgerBaseline.ratio() <= Benchmark.LEDGER_RATIO_TARGET));
        if (m) {
            targets.add(new Target("HR ingest of the full load ≤ 60 s", seconds(fullLoad.stage("ingest.hr")),
                    fullLoad.stage("ingest.hr") <= Benchmark.HR_INGEST_TARGET_MILLIS_M));
            targets.add(new Target("full load ≤ 150 s wall", seconds(fullLoad.wallMillis()),
                    fullLoad.wallMillis() <= Benchmark.FULL_LOAD_TARGET_MILLIS_M));
            targets.add(new Target("peak RSS of the full load ≤ 4 GiB", bytes(fullLoad.peakRssBytes()),
                    fullLoad.peakRssBytes() <= Benchmark.FULL_LOAD_RSS_TARGET_BYTES));
        }
        targets.add(new Target("nightly via the DAG, end to end ≤ " + Benchmark.NIGHTLY_DAG_RATIO_TARGET
                + "× the nightly load (medians of " + nightlyPairs.dagMillis().size() + ")",
                String.format(Locale.ROOT, "%.2f×", nightlyPairs.ratio()),
                nightlyPairs.ratio() <= Benchmark.NIGHTLY_DAG_RATIO_TARGET));
        targets.add(new Target("kpi.kpi_values via the DAG byte-identical to the nightly load's",
                nightlyDagKpiValues.rows() + " rows", Boolean.TRUE.equals(nightlyDagKpiValues.identical())));
        if (kpiValues.identical() != null) {
            targets.add(new Target("kpi.kpi_values byte-identical to the reference", kpiValues.rows() + " rows",
                    kpiValues.identical()));
        }
        for (AccessPath path : AccessPath.values()) {
            queries.group(QueryGroup.KPI_LOOKUP, path).ifPresent(g -> targets.add(new Target(
                    "kpi.kpi_values lookups p95 ≤ 50 ms (" + path.name().toLowerCase(Locale.ROOT) + ")",
                    String.format(Locale.ROOT, "%.1f ms", g.latency().p95Millis()),
                    g.latency().p95Millis() <= QueryLatencyReport.LOOKUP_TARGET_P95_MILLIS)));
        }
        return targets;
    }

    /** The console table. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "nyckeltal bench — scale %s, %d years to %s%n", scale, years, lastMonth));
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s RAM, %s; %s; %s%n%n", machine.cores(),
                bytes(machine.memoryBytes()), machine.cpu(), machine.os(), machine.java()));

        out.append("generated history\n");
        out.append(String.format(Locale.ROOT, "  %-12s %8s %14s %10s%n", "source", "files", "rows", "size"));
        for (DemoRegionGenerator.SourceSummary source : data.history()) {
            out.append(String.format(Locale.ROOT, "  %-12s %,8d %,14d %10s%n", source.source(), source.files(),
                    source.rows(), bytes(source.bytes())));
        }

        out.append("\nloads (each in a new JVM; wall time from process start to exit)\n");
        out.append(String.format(Locale.ROOT, "  %-14s %10s %10s %8s %14s%n", "load", "wall", "peak RSS", "files",
                "rows read"));
        for (LoadPhase load : List.of(fullLoad, nightlyLoad, nothingNewLoad)) {
            out.append(String.format(Locale.ROOT, "  %-14s %10s %10s %,8d %,14d%n", load.name(), seconds(load.wallMillis()),
                    bytes(load.peakRssBytes()), load.sources().stream().mapToInt(LoadPhase.SourceLoad::files).sum(),
                    load.rowsRead()));
        }
        for (LoadPhase load : List.of(fullLoad, nightlyLoad)) {
            out.append(String.format(Locale.ROOT, "%n  %s load by stage:%n", load.name()));
            for (Map.Entry<String, Long> stage : load.stageMillis().entrySet()) {
                String rate = "";
                for (LoadPhase.SourceLoad source : load.sources()) {
                    if (stage.getKey().equals("ingest." + source.source())) {
                        rate = String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", source.rowsRead(),
                                source.rowsPerSecond());
                    }
                }
                out.append(String.format(Locale.ROOT, "    %-18s %10s  %s%n", stage.getKey(), seconds(stage.getValue()), rate));
            }
        }

        out.append(String.format(Locale.ROOT, "%n  nightly_dag (dags backfill nightly, run %s: %s): %s wall, %.2f× the"
                + " nightly load%n", nightlyDag.runId(), nightlyDag.state(), seconds(nightlyDag.wallMillis()),
                nightlyPairs.firstPairRatio()));
        for (DagPhase.TaskTiming task : nightlyDag.tasks()) {
            out.append(String.format(Locale.ROOT, "    %-22s %-10s %10s%n", task.taskId(), task.state(),
                    seconds(task.millis())));
        }
        out.append("    its load by stage:");
        nightlyDag.loadStageMillis().forEach((stage, millis) -> out.append(String.format(Locale.ROOT, " %s %s;", stage,
                seconds(millis))));
        out.append(String.format(Locale.ROOT, "%n    kpi.kpi_values: %s%n", nightlyDagKpiValues.summary()));
        out.append(String.format(Locale.ROOT, "  the nightly, each way from the same state, in the order run: load %s,"
                + " DAG %s; medians %s and %s → %.2f×%n", walls(nightlyPairs.loadMillis()),
                walls(nightlyPairs.dagMillis()), seconds(nightlyPairs.medianLoadMillis()),
                seconds(nightlyPairs.medianDagMillis()), nightlyPairs.ratio()));

        out.append(String.format(Locale.ROOT, "%nledger: Spark ingest (full load) %s vs DuckDB-only baseline %s"
                        + " (%,d rows, %,d fact rows) → %.2f×%n", seconds(ledgerBaseline.sparkIngestMillis()),
                seconds(ledgerBaseline.wallMillis()), ledgerBaseline.rowsRead(), ledgerBaseline.factRows(),
                ledgerBaseline.ratio()));

        for (DuckDbFloor.FloorResult floor : floors) {
            long spark = fullLoad.stage("ingest." + floor.extract());
            out.append(String.format(Locale.ROOT, "%s: Spark ingest (full load) %s vs DuckDB floor %s (%,d rows, %,d fact"
                            + " rows; read and sum only) → %.2f×%n", floor.extract(), seconds(spark),
                    seconds(floor.wallMillis()), floor.rowsRead(), floor.factRows(),
                    floor.wallMillis() == 0 ? 0.0 : (double) spark / floor.wallMillis()));
        }
        out.append(String.format(Locale.ROOT, "%nkpi.kpi_values: %s%n", kpiValues.summary()));

        out.append("\n").append(queries.table());

        out.append("\nmånadsrapporter (nyckeltal report, each batch in a new JVM; wall time from process start to exit)\n");
        out.append(String.format(Locale.ROOT, "  %-18s %-10s %-6s %8s %10s %14s %10s%n", "batch", "org", "format",
                "reports", "wall", "reports/min", "peak RSS"));
        for (ReportPhase phase : reports) {
            out.append(String.format(Locale.ROOT, "  %-18s %-10s %-6s %,8d %10s %14.1f %10s%n", phase.name(), phase.org(),
                    phase.format(), phase.reports(), seconds(phase.wallMillis()), phase.reportsPerMinute(),
                    bytes(phase.peakRssBytes())));
        }

        out.append(String.format(Locale.ROOT, "%nbench JVM peak RSS %s; whole run %s; load average %s at the start,"
                + " %s at the end (%d cores)%n%n", bytes(benchPeakRssBytes), seconds(benchWallMillis), loadAverageStart,
                loadAverageEnd, machine.cores()));
        out.append("targets (issues 7 and 19)\n");
        for (Target target : targets()) {
            out.append(String.format(Locale.ROOT, "  %-72s %10s  %s%n", target.target(), target.measured(),
                    target.met() ? "met" : "NOT MET"));
        }
        return out.toString();
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Wall times as "17.9 / 16.6 / 17.2 s". */
    static String walls(List<Long> millis) {
        return millis.stream().map(m -> String.format(Locale.ROOT, "%.1f", m / 1000.0))
                .collect(java.util.stream.Collectors.joining(" / ")) + " s";
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
