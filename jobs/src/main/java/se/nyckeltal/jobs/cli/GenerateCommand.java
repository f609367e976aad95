package se.nyckeltal.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.jobs.generate.DemoRegionGenerator;
import se.nyckeltal.jobs.generate.GeneratorSettings;
import se.nyckeltal.schemas.reference.ReferenceData;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic landing zone for the demo region: monthly ledger actuals, yearly"
                + " budgets and forecasts, monthly HR time, in the format quirks real exports have.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--landing", required = true, description = "Folder to write ledger/ and hr/ into.")
    Path landing;

    @Option(names = "--to", description = "Last month, YYYY-MM (default ${DEFAULT-VALUE}).", defaultValue = "2026-10")
    YearMonth lastMonth;

    @Option(names = "--years", description = "Calendar years up to --to (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int years;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "20240331")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DemoRegionGenerator.Summary summary = generate(landing, new GeneratorSettings(lastMonth, years, seed));
        spec.commandLine().getOut().printf("wrote %d files, %d rows, to %s%n", summary.files().size(), summary.rows(),
                landing.toAbsolutePath().normalize());
        return 0;
    }

    static DemoRegionGenerator.Summary generate(Path landing, GeneratorSettings settings) {
        return new DemoRegionGenerator(settings, ReferenceData.defaults()).generate(landing, file -> { });
    }
}
