package se.nyckeltal.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.jobs.bench.BenchReport;
import se.nyckeltal.jobs.bench.Benchmark;
import se.nyckeltal.jobs.bench.QueryLatencySettings;
import se.nyckeltal.jobs.generate.GeneratorSettings;
import se.nyckeltal.jobs.generate.Scale;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure loads and queries on generated data of one scale, in one run: a full load of the"
                + " history, the nightly load (a new month and the month before restated, in a new JVM), a night"
                + " with nothing new, the same nightly through the shipped DAG (dags backfill, its tasks as"
                + " processes; its kpi.kpi_values compared with the nightly load's), KPI query latency embedded and"
                + " through the gateway, and a DuckDB-only baseline of the ledger ingest. Prints a table and writes JSON. Data is generated on the first"
                + " run of a setting and reused after that. See BENCHMARKS.md.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--scale", description = "S (the demo), M or L; either case (default ${DEFAULT-VALUE}).",
            defaultValue = "M", converter = GenerateCommand.ScaleConverter.class)
    Scale scale;

    @Option(names = "--years", description = "Calendar years of history (default 3 for S, 5 for M and L).")
    Integer years;

    @Option(names = "--to", description = "Last month, delivered by the nightly load (default ${DEFAULT-VALUE}).",
            defaultValue = "2026-10")
    YearMonth lastMonth;

    @Option(names = "--work", description = "Folder for the generated data and the runs (default ${DEFAULT-VALUE}).",
            defaultValue = "nyckeltal-bench")
    Path work;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the results as JSON to FILE (default WORK/bench-SCALE.json).")
    Path out;

    @Option(names = "--regenerate", description = "Generate the data anew even when WORK holds it already.")
    boolean regenerate;

    @Option(names = "--kpi-reference", paramLabel = "CSV",
            description = "A sorted kpi.kpi_values CSV of an earlier run (WORK/run-SCALE/kpi_values.csv, or"
                    + " nyckeltal sql --format csv \"SELECT * FROM kpi.kpi_values ORDER BY ALL\" on its warehouse) that"
                    + " this run's must equal byte for byte; the targets say whether it does.")
    Path kpiReference;

    @Option(names = "--lookup-runs", defaultValue = "50",
            description = "Timed runs of each kpi_values lookup per access path (default ${DEFAULT-VALUE}).")
    int lookupRuns;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        GeneratorSettings generator = new GeneratorSettings(lastMonth, years == null ? scale.defaultYears() : years,
                GeneratorSettings.DEFAULT_SEED, scale);
        QueryLatencySettings defaults = QueryLatencySettings.defaults();
        QueryLatencySettings queries = new QueryLatencySettings(
                new QueryLatencySettings.Runs(defaults.lookups().warmups(), lookupRuns), defaults.reports());
        BenchReport report = new Benchmark(new Benchmark.BenchSettings(work.toAbsolutePath().normalize(), generator,
                regenerate, queries, kpiReference == null ? null : kpiReference.toAbsolutePath()), line -> {
                    console.println(line);
                    console.flush();
                }).run();
        console.println();
        console.print(report.table());
        Path json = out != null ? out : work.resolve("bench-" + scale + ".json");
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode tree = mapper.valueToTree(report);
        tree.set("targets", mapper.valueToTree(report.targets()));
        if (json.toAbsolutePath().getParent() != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
        }
        mapper.writeValue(json.toFile(), tree);
        console.println("results written to " + json.toAbsolutePath().normalize());
        return 0;
    }
}
