package se.nyckeltal.jobs.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import se.nyckeltal.jobs.generate.GeneratorSettings;
import se.nyckeltal.schemas.files.FileTree;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.schemas.warehouse.WarehouseStore;

/**
 * {@code bench}: one run that measures what issue 7 asks for, on generated data of one scale.
 * <ol>
 *   <li>a full load of the whole history but the last month, in a fresh JVM as a first load runs;
 *   <li>the nightly load: the last month plus the month before restated, again in a fresh JVM, timed
 *       from process start (JVM and Spark start included);
 *   <li>a load with nothing new: the fixed cost of a night without deliveries;
 *   <li>the nightly's files through the shipped DAG ({@link DagPhase}), from the warehouse as it was before
 *       the nightly load, as the scheduler runs it: the ingest tasks stage each file for the DAG's load, which
 *       parses none again; its kpi.kpi_values must equal the nightly load's byte for byte;
 *   <li>the nightly load and the DAG again, from the same state, until each has run {@link #NIGHTLY_PAIRS} times
 *       ({@link NightlyPairs}: the DAG's ratio compares the medians);
 *   <li>KPI query latency over typical analyst queries, embedded and through the gateway;
 *   <li>the DuckDB-only baseline over the full load's ledger files, in this JVM, as the yardstick of
 *       the Spark ledger ingest.
 * </ol>
 * The loads run as child processes of the same build, with the same JVM flags, so their wall time and
 * peak memory are those of {@code bin/nyckeltal load}.
 */
public final class Benchmark {
    /** Issue 7's targets, and issue 19's at scale M. */
    static final long NIGHTLY_TARGET_MILLIS = 60_000;
    static final double LEDGER_RATIO_TARGET = 3.0;
    static final long NIGHTLY_TARGET_MILLIS_M = 30_000;
    static final long HR_INGEST_TARGET_MILLIS_M = 60_000;
    static final long FULL_LOAD_TARGET_MILLIS_M = 150_000;
    static final long FULL_LOAD_RSS_TARGET_BYTES = 4L << 30;
    /** The nightly through the DAG, end to end, ÷ the plain nightly load of the same files. */
    static final double NIGHTLY_DAG_RATIO_TARGET = 1.2;
    /** How often the nightly runs each way, plain and through the DAG, for the DAG's ratio ({@link NightlyPairs}). */
    static final int NIGHTLY_PAIRS = 3;

    private final BenchSettings settings;
    private final Consumer<String> progress;

    public Benchmark(BenchSettings settings, Consumer<String> progress) {
        this.settings = requireNonNull(settings, "settings");
        this.progress = requireNonNull(progress, "progress");
    }

    /** Where the data and the runs live, and what to generate. */
    /**
     * @param kpiReference a sorted {@code kpi.kpi_values} CSV of an earlier run (e.g. before a change)
     *     that this run's must equal byte for byte, or null
     */
    public record BenchSettings(Path work, GeneratorSettings generator, boolean regenerate,
            QueryLatencySettings queries, Path kpiReference) {
        public BenchSettings {
            requireNonNull(work, "work");
            requireNonNull(generator, "generator");
            requireNonNull(queries, "queries");
        }
    }

    public BenchReport run() {
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        BenchData data = BenchData.prepare(settings.work().resolve("data"), settings.generator(), settings.regenerate(),
                progress);
        Path run = settings.work().resolve("run-" + settings.generator().scale());
        FileTree.delete(run);
        Path landing = run.resolve("landing");
        Path warehouse = run.resolve("warehouse");
        data.stageHistory(landing);

        progress.accept("full load of the history (everything up to " + data.lastMonth().minusMonths(1)
                + ", budgets and forecasts) in a new JVM …");
        LoadPhase full = load("full", run, landing, warehouse, data);
        progress.accept(String.format("  %.1f s", full.wallMillis() / 1000.0));

        // The DAG runs and the repeated nightly loads start from this state too: copies of this copy (Parquet files
        // linked, the rest copied).
        Path beforeNightly = run.resolve("warehouse-before-nightly");
        WarehouseCopy.copy(warehouse, beforeNightly);

        List<Path> delivered = data.stageNightly(landing);
        progress.accept("nightly load: " + delivered.size() + " new files (" + data.lastMonth() + ", and "
                + data.lastMonth().minusMonths(1) + " restated) in a new JVM …");
        LoadPhase nightly = load("nightly", run, landing, warehouse, data);
        progress.accept(String.format("  %.1f s", nightly.wallMillis() / 1000.0));

        progress.accept("a night with nothing new …");
        LoadPhase nothingNew = load("nothing_new", run, landing, warehouse, data);
        progress.accept(String.format("  %.1f s", nothingNew.wallMillis() / 1000.0));

        Path kpiValues = run.resolve("kpi_values.csv");
        progress.accept("sorted kpi.kpi_values → " + kpiValues + " …");
        BenchReport.KpiCheck kpiCheck = KpiValuesExport.write(new WarehouseLayout(warehouse), kpiValues,
                settings.kpiReference());
        progress.accept("  " + kpiCheck.summary());

        progress.accept("the same nightly through the shipped DAG (dags backfill nightly in a new JVM, its tasks as"
                + " processes), from the warehouse as it was before the nightly load …");
        Path dagWarehouse = run.resolve("warehouse-dag");
        WarehouseCopy.copy(beforeNightly, dagWarehouse);
        DagPhase nightlyDag = DagPhase.run(run, "nightly_dag", landing, dagWarehouse, data.keyFile(), delivered);
        progress.accept(String.format(java.util.Locale.ROOT, "  %.1f s (run %s: %s)", nightlyDag.wallMillis() / 1000.0,
                nightlyDag.runId(), nightlyDag.state()));
        BenchReport.KpiCheck dagKpiCheck = KpiValuesExport.write(new WarehouseLayout(dagWarehouse),
                run.resolve("kpi_values-dag.csv"), kpiValues);
        progress.accept("  " + dagKpiCheck.summary());
        NightlyPairs nightlyPairs = nightlyPairs(run, landing, beforeNightly, data, delivered, nightly, nightlyDag);
        progress.accept(String.format(java.util.Locale.ROOT, "  median of %d: DAG %.1f s ÷ nightly load %.1f s = %.2f×",
                NIGHTLY_PAIRS, nightlyPairs.medianDagMillis() / 1000.0, nightlyPairs.medianLoadMillis() / 1000.0,
                nightlyPairs.ratio()));

        progress.accept("KPI query latency, embedded and through the gateway …");
        QueryLatencyReport queries;
        try {
            queries = QueryLatencyBench.measure(new WarehouseLayout(warehouse), settings.queries());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the query benchmark failed: " + e.getMessage(), e);
        }

        String period = data.lastMonth().toString();
        progress.accept("månadsrapporter for " + period + ": one per unit (HTML), in a new JVM …");
        ReportPhase units = ReportPhase.run("report_all_units", warehouse, period, "all-units", "html",
                run.resolve("reports/units"), run.resolve("report_all_units.log"));
        progress.accept(String.format(java.util.Locale.ROOT, "  %d reports in %.1f s", units.reports(),
                units.wallMillis() / 1000.0));
        progress.accept("månadsrapport for " + period + ", whole administration as PDF, in a new JVM …");
        ReportPhase pdf = ReportPhase.run("report_total_pdf", warehouse, period, "TOTAL", "pdf",
                run.resolve("reports/manadsrapport-" + period + ".pdf"), run.resolve("report_total_pdf.log"));
        progress.accept(String.format(java.util.Locale.ROOT, "  %.1f s", pdf.wallMillis() / 1000.0));

        progress.accept("DuckDB-only baseline over the full load's ledger files, in this JVM …");
        List<Path> ledgerFiles = fullLoadLedgerFiles(landing, warehouse);
        BaselineResult baseline = DuckDbLedgerBaseline.matchingLocalSpark()
                .run(ledgerFiles, run.resolve("baseline"));
        progress.accept(String.format("  %.1f s", baseline.wall().toMillis() / 1000.0));
        List<DuckDbFloor.FloorResult> floors = new ArrayList<>();
        for (DuckDbFloor.Extract extract : DuckDbFloor.Extract.values()) {
            String source = extract.name().toLowerCase(java.util.Locale.ROOT);
            progress.accept("DuckDB floor (read and sum to the fact grain, no validation) of the full load's " + source
                    + " files …");
            DuckDbFloor.FloorResult floor = DuckDbFloor.run(extract, fullLoadFiles(landing, warehouse, source),
                    run.resolve("floor-" + source));
            progress.accept(String.format("  %.1f s", floor.wallMillis() / 1000.0));
            floors.add(floor);
        }

        return new BenchReport(settings.generator().scale().name(), settings.generator().years(),
                settings.generator().lastMonth().toString(), BenchReport.Machine.current(),
                BenchReport.DataSize.of(data.history(), delivered), full, nightly, nothingNew, nightlyDag, dagKpiCheck,
                nightlyPairs, queries,
                BenchReport.Baseline.of(baseline, full), floors, kpiCheck, List.of(units, pdf), selfPeakRss(),
                (System.nanoTime() - started) / 1_000_000, loadBefore, loadAverage());
    }

    /**
     * The nightly load and the DAG run again from the state before the nightly until each has run {@link
     * #NIGHTLY_PAIRS} times, the first of each pair alternating (a machine growing busier or quieter favours
     * neither). Only the wall times are kept; the first runs are the ones reported in full.
     */
    private NightlyPairs nightlyPairs(Path run, Path landing, Path beforeNightly, BenchData data, List<Path> delivered,
            LoadPhase nightly, DagPhase nightlyDag) {
        List<Long> loads = new ArrayList<>(List.of(nightly.wallMillis()));
        List<Long> dags = new ArrayList<>(List.of(nightlyDag.wallMillis()));
        Path again = run.resolve("warehouse-again");
        for (int pair = 2; pair <= NIGHTLY_PAIRS; pair++) {
            for (boolean dag : pair % 2 == 0 ? List.of(true, false) : List.of(false, true)) {
                progress.accept(String.format("the nightly %s again (%d of %d) …", dag ? "through the DAG" : "load",
                        pair, NIGHTLY_PAIRS));
                WarehouseCopy.copy(beforeNightly, again);
                long millis = dag
                        ? DagPhase.run(run, "nightly_dag-" + pair, landing, again, data.keyFile(), delivered).wallMillis()
                        : load("nightly-" + pair, run, landing, again, data).wallMillis();
                progress.accept(String.format(java.util.Locale.ROOT, "  %.1f s", millis / 1000.0));
                (dag ? dags : loads).add(millis);
            }
        }
        FileTree.delete(again);
        FileTree.delete(beforeNightly);
        return NightlyPairs.of(loads, dags);
    }

    private LoadPhase load(String name, Path run, Path landing, Path warehouse, BenchData data) {
        ChildRun child = ChildRun.run(List.of("load", "--landing", landing.toString(), "--warehouse",
                warehouse.toString(), "--pseudonym-key-file", data.keyFile().toString()), run.resolve(name + ".log"));
        if (child.exitCode() != 0) {
            throw new IllegalStateException("the " + name + " load failed (exit " + child.exitCode() + "); its output, "
                    + child.log() + ", ends with:\n" + child.tail(15));
        }
        LoadRecord record = new WarehouseStore(new WarehouseLayout(warehouse)).loadRecords().stream()
                .max(Comparator.comparing(LoadRecord::startedAt))
                .orElseThrow(() -> new IllegalStateException("the " + name + " load wrote no load record"));
        return LoadPhase.of(name, child, record);
    }

    /** The CSV ledger files the full load read, in the order it read them. */
    private static List<Path> fullLoadLedgerFiles(Path landing, Path warehouse) {
        List<Path> files = fullLoadFiles(landing, warehouse, "ledger");
        if (files.isEmpty()) {
            throw new IllegalStateException("the full load read no ledger file");
        }
        return files;
    }

    /** The files of one source the full load loaded, in the order it read them. */
    private static List<Path> fullLoadFiles(Path landing, Path warehouse, String source) {
        LoadRecord first = new WarehouseStore(new WarehouseLayout(warehouse)).loadRecords().get(0);
        List<Path> files = new ArrayList<>();
        for (FileOutcome file : first.files()) {
            if (file.source().equals(source) && file.status() == FileOutcome.Status.LOADED) {
                files.add(landing.resolve(file.path()));
            }
        }
        return files;
    }

    /** The machine's load average (1, 5 and 15 minutes) as /proc/loadavg has it, or n/a off Linux. */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** This JVM's peak resident set (queries and baseline), or -1 off Linux. */
    private static long selfPeakRss() {
        return ChildRun.highWaterMark(Path.of("/proc/self/status")).orElse(-1);
    }
}
