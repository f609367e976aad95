package se.nyckeltal.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.report.OrgRef;
import se.nyckeltal.warehouse.report.ReportFormat;
import se.nyckeltal.warehouse.report.ReportInputException;
import se.nyckeltal.warehouse.report.ReportWriter;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the månadsrapport (monthly report, in Swedish) of one org and month from the published"
                + " catalogue, as one self-contained HTML file or a PDF. --org all-units / all-areas writes one report"
                + " per unit / area into the --out folder, with an index.html.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--warehouse", required = true, description = "Warehouse folder.")
    Path warehouse;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "The report's month, e.g. 2024-03.")
    String period;

    @Option(names = "--org", defaultValue = "TOTAL", paramLabel = "TOTAL|AREA|UNIT|all-areas|all-units",
            description = "TOTAL (the whole administration, default), an area id, a unit id, or all-areas / all-units"
                    + " (one report each into the --out folder).")
    String org;

    @Option(names = "--format", defaultValue = "html", description = "html or pdf (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The report file (replaced atomically if it exists), or the folder for all-areas / all-units.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReportFormat reportFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "html" -> ReportFormat.HTML;
            case "pdf" -> ReportFormat.PDF;
            default -> throw new UserError("unknown format '" + format + "'", "use --format html or pdf");
        };
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            int month = ReportWriter.parsePeriod(period);
            String batch = org.toLowerCase(Locale.ROOT);
            boolean many = batch.equals("all-units") || batch.equals("all-areas");
            if (many && Files.isRegularFile(out)) {
                throw new UserError("--out " + out + " is a file, but --org " + org + " writes a folder of reports",
                        "give a folder, e.g. --out reports/" + period);
            }
            if (!many && Files.isDirectory(out)) {
                throw new UserError("--out " + out + " is a folder, but one report is one file",
                        "give a file name, e.g. --out " + out.resolve("manadsrapport-" + period + "." + reportFormat.extension()));
            }
            try (Connection connection = Catalogue.openReadOnly(new WarehouseLayout(warehouse))) {
                ReportWriter writer = new ReportWriter(connection);
                if (many) {
                    String level = batch.equals("all-units") ? "unit" : "area";
                    long started = System.nanoTime();
                    List<Path> files;
                    try (ConsoleProgress progress = new ConsoleProgress("report", System.err)) {
                        files = writer.writeAll(month, level, reportFormat, out,
                                (o, done, total) -> progress.step(o.id() + " " + o.name(), done - 1, total));
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    stdout.printf(Locale.ROOT, "Wrote %d %s reports for %s to %s in %.1f s (index: %s)%n", files.size() - 1,
                            reportFormat.extension().toUpperCase(Locale.ROOT), period, out.toAbsolutePath().normalize(),
                            seconds, out.resolve("index.html").toAbsolutePath().normalize());
                    return 0;
                }
                OrgRef written = writer.writeOne(month, org, reportFormat, out);
                stdout.printf("Wrote the månadsrapport %s for %s (%s) to %s%n", period, written.name(), written.id(),
                        out.toAbsolutePath().normalize());
            }
        } catch (ReportInputException e) {
            throw new UserError(e.getMessage(), e.hint());
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), "load data first: nyckeltal load --landing DIR --warehouse " + warehouse);
        } finally {
            stdout.flush();
        }
        return 0;
    }
}
