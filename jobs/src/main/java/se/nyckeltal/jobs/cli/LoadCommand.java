package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load every new file of the landing zone and publish a new catalogue. Exit 0 only when the"
                + " catalogue is published (or nothing was new); on failure the published catalogue is unchanged.")
final class LoadCommand implements Callable<Integer> {
    @Option(names = "--landing", required = true,
            description = "Landing folder holding ledger/ and hr/ (and reference/).")
    Path landing;

    @Option(names = "--warehouse", required = true, description = "Warehouse folder (created when missing).")
    Path warehouse;

    @Option(names = "--reject-threshold", defaultValue = "0.01",
            description = "Share of bad rows above which a whole file is refused (default ${DEFAULT-VALUE} = 1 %%).")
    BigDecimal rejectThreshold;

    @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
            description = "Secret key that pseudonymises HR employee ids (HMAC-SHA256). Default: the environment"
                    + " variable NYCKELTAL_PSEUDONYM_KEY, else a key generated once in WAREHOUSE/restricted/pseudonym.key."
                    + " Keep the same key for the life of the warehouse and back it up.")
    Path pseudonymKeyFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadRecord record = load(landing, warehouse, rejectThreshold, pseudonymKeyFile);
        print(record, spec.commandLine().getOut());
        return 0;
    }

    static LoadRecord load(Path landing, Path warehouse, BigDecimal threshold) {
        return load(landing, warehouse, threshold, null);
    }

    /** @param pseudonymKeyFile the HR pseudonym key file, or null for the environment or the warehouse's key */
    static LoadRecord load(Path landing, Path warehouse, BigDecimal threshold, Path pseudonymKeyFile) {
        if (pseudonymKeyFile != null && !Files.isReadable(pseudonymKeyFile)) {
            throw new UserError("pseudonym key file " + pseudonymKeyFile + " does not exist or cannot be read",
                    "point --pseudonym-key-file at the warehouse's key (e.g. created with: openssl rand -base64 32 > FILE;"
                            + " chmod 600 FILE)");
        }
        LoadSettings settings;
        try {
            settings = new LoadSettings(landing, warehouse, threshold, pseudonymKeyFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "e.g. --reject-threshold 0.01");
        }
        try (ConsoleProgress progress = new ConsoleProgress("load", System.err)) {
            return new LoadJob(settings, () -> SparkSessions.getOrCreate("nyckeltal-load"), Clock.systemUTC(), progress)
                    .run();
        }
    }

    static void print(LoadRecord record, PrintWriter out) {
        out.printf("load %s: %s%n", record.loadId(), record.outcome());
        for (FileOutcome file : record.files()) {
            out.printf("  %-40s %-22s rows %7d  quarantined %4d%s%n", file.path(), file.status(), file.rowsLoaded(),
                    file.rowsQuarantined(), file.reconciled() ? "" : "  NOT RECONCILED");
        }
        if (record.message() != null) {
            out.println(record.message());
        }
        out.flush();
    }
}
