package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.etl.spark.SparkSessions;
import se.nyckeltal.jobs.load.LoadJob;
import se.nyckeltal.jobs.load.SparkHandOff;
import se.nyckeltal.jobs.load.LoadSettings;
import se.nyckeltal.schemas.warehouse.FileOutcome;
import se.nyckeltal.schemas.warehouse.LoadRecord;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load every new file of the landing zone and publish a new catalogue. Exit 0 only when the"
                + " catalogue is published (or nothing was new); on failure the published catalogue is unchanged.")
final class LoadCommand implements Callable<Integer> {
    @Option(names = "--landing", required = true, converter = OptionConverters.Location.class,
            description = "Landing folder holding ledger/ and hr/ (and reference/): a path or a URI (hdfs://, s3a://,"
                    + " abfs://).")
    Path landing;

    @Option(names = "--warehouse", required = true, converter = OptionConverters.Location.class,
            description = "Warehouse folder (created when missing): a path or a URI (hdfs://, s3a://, abfs://).")
    Path warehouse;

    @Option(names = "--reject-threshold", defaultValue = "0.01",
            description = "Share of bad rows above which a whole file is refused (default ${DEFAULT-VALUE} = 1 %%).")
    BigDecimal rejectThreshold;

    @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
            description = "Secret key that pseudonymises HR employee ids (HMAC-SHA256). Default: the environment"
                    + " variable NYCKELTAL_PSEUDONYM_KEY, else a key generated once in WAREHOUSE/restricted/pseudonym.key."
                    + " Keep the same key for the life of the warehouse and back it up.")
    Path pseudonymKeyFile;

    @Option(names = "--min-file-age", paramLabel = "DURATION", defaultValue = "0s", converter = OptionConverters.Span.class,
            description = "Leave landing files modified less than this long ago for a later load: they may still be"
                    + " being written (e.g. 5m; default 0s, every file is read).")
    Duration minFileAge;

    @Option(names = "--done-markers", description = "The landing zone's extract system writes x.csv.done once x.csv"
            + " is complete: read a file only once its .done marker exists.")
    boolean doneMarkers;

    @Option(names = "--rederive", paramLabel = "PATH", description = "Read this landing file again although its"
            + " content was published (landing-relative, e.g. ledger/huvudbok-2025-03.csv): repairs the fact"
            + " partitions derived from it when a fact file no longer matches its manifest. Repeatable.")
    java.util.Set<String> rederive = new java.util.HashSet<>();

    @Option(names = "--local-mirror", paramLabel = "DIR", description = "For a warehouse on hdfs://, s3a:// or abfs://:"
            + " the local folder where the published fact files are mirrored and the catalogue is built (DuckDB reads"
            + " local files only). Default: nyckeltal-mirror/<warehouse URI> in the temp folder.")
    Path localMirror;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadRecord record = load(landing, warehouse, rejectThreshold, pseudonymKeyFile,
                settings -> settings.withLandingRules(minFileAge, doneMarkers).withRederive(rederive)
                        .withLocalMirror(localMirror));
        print(record, spec.commandLine().getOut());
        return 0;
    }

    static LoadRecord load(Path landing, Path warehouse, BigDecimal threshold) {
        return load(landing, warehouse, threshold, null);
    }

    /** @param pseudonymKeyFile the HR pseudonym key file, or null for the environment or the warehouse's key */
    static LoadRecord load(Path landing, Path warehouse, BigDecimal threshold, Path pseudonymKeyFile) {
        return load(landing, warehouse, threshold, pseudonymKeyFile, UnaryOperator.identity());
    }

    private static LoadRecord load(Path landing, Path warehouse, BigDecimal threshold, Path pseudonymKeyFile,
            UnaryOperator<LoadSettings> options) {
        if (pseudonymKeyFile != null && !Files.isReadable(pseudonymKeyFile)) {
            throw new UserError("pseudonym key file " + pseudonymKeyFile + " does not exist or cannot be read",
                    "point --pseudonym-key-file at the warehouse's key (e.g. created with: openssl rand -base64 32 > FILE;"
                            + " chmod 600 FILE)");
        }
        LoadSettings settings;
        try {
            settings = options.apply(new LoadSettings(landing, warehouse, threshold, pseudonymKeyFile));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), "e.g. --reject-threshold 0.01");
        }
        try (ConsoleProgress progress = new ConsoleProgress("load", System.err)) {
            // This JVM is the load's own: Spark is stopped and its heap given back before the catalogue build.
            return new LoadJob(settings, () -> SparkSessions.getOrCreate("nyckeltal-load"), SparkHandOff::stopAndShrink,
                    Clock.systemUTC(), progress).run();
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
