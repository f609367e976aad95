package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.jobs.generate.DemoRegionGenerator;
import se.nyckeltal.jobs.generate.GeneratorSettings;
import se.nyckeltal.jobs.generate.Scale;
import se.nyckeltal.schemas.reference.ReferenceData;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic landing zone for a generated region: monthly ledger actuals, yearly"
                + " budgets and forecasts, production and HR time, in the format quirks real exports have."
                + " --scale S is the demo region (40 units, about 2,000 FTE); M a region like the one in"
                + " the månadsrapport (about 300 cost centres, 5,100 FTE, daily production, a fine-grained"
                + " ledger, its own org structure); L four times M. Each writes the org units and accounts a"
                + " load needs into reference/.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--landing", required = true,
            description = "Folder to write reference/, ledger/, production/ and hr/ into.")
    Path landing;

    @Option(names = "--scale", description = "S (the demo), M or L; either case (default ${DEFAULT-VALUE}).",
            defaultValue = "S", converter = ScaleConverter.class)
    Scale scale;

    @Option(names = "--to", description = "Last month, YYYY-MM (default ${DEFAULT-VALUE}).", defaultValue = "2026-10")
    YearMonth lastMonth;

    @Option(names = "--years", description = "Calendar years up to --to (default 3 for S, 5 for M and L).")
    Integer years;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "20240331")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        GeneratorSettings settings = new GeneratorSettings(lastMonth, years == null ? scale.defaultYears() : years, seed,
                scale);
        long started = System.nanoTime();
        DemoRegionGenerator.Summary summary = generate(landing, settings);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("scale %s, %s–%s:%n", scale, settings.firstMonth(), settings.lastMonth());
        for (DemoRegionGenerator.SourceSummary source : summary.sources()) {
            out.printf(Locale.ROOT, "  %-10s %5d files %,13d rows %,9.1f MB%n", source.source(), source.files(), source.rows(),
                    source.bytes() / 1e6);
        }
        out.printf(Locale.ROOT, "wrote %d files, %d rows, to %s in %.1f s%n", summary.files().size(), summary.rows(),
                landing.toAbsolutePath().normalize(), (System.nanoTime() - started) / 1e9);
        return 0;
    }

    static DemoRegionGenerator.Summary generate(Path landing, GeneratorSettings settings) {
        return new DemoRegionGenerator(settings, ReferenceData.defaults()).generate(landing, file -> { });
    }

    /** Case-insensitive, with the one-line message the CLI shows for a bad value. */
    static final class ScaleConverter implements CommandLine.ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            try {
                return Scale.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
