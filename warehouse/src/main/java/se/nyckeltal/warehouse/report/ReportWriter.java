package se.nyckeltal.warehouse.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes månadsrapporter to files: one report, or one per area or unit into a folder with an index page.
 * Every file is written beside its target and moved over it atomically, so a reader (or a crash) never
 * sees half a report.
 */
public final class ReportWriter {
    private final ReportBuilder builder;
    private final ReportRenderer renderer = new ReportRenderer();
    private final PdfRenderer pdf = new PdfRenderer();

    public ReportWriter(Connection catalogue) throws SQLException {
        this.builder = new ReportBuilder(catalogue);
    }

    public ReportBuilder builder() {
        return builder;
    }

    /** The report of one org (TOTAL, an area id or a unit id) at a period, written to {@code out}. */
    public OrgRef writeOne(int period, String orgId, ReportFormat format, Path out) throws SQLException, IOException {
        OrgRef org = builder.resolve(period, orgId);
        writeAtomically(out, render(builder.build(org, period), format));
        return org;
    }

    /**
     * One report per org of a level ('area' or 'unit') into the folder {@code outDir}, plus index.html.
     * Returns the files written (reports first, the index last); {@code progress} hears each org as it is done.
     */
    public List<Path> writeAll(int period, String level, ReportFormat format, Path outDir, Progress progress)
            throws SQLException, IOException {
        builder.resolve(period, "TOTAL");
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        List<ReportRenderer.IndexEntry> entries = new ArrayList<>();
        List<OrgRef> orgs = builder.orgs(period).stream().filter(o -> o.level().equals(level)).toList();
        builder.prefetch(period);
        for (OrgRef org : orgs) {
            String fileName = fileName(period, org.id(), format);
            Path file = outDir.resolve(fileName);
            writeAtomically(file, render(builder.build(org, period), format));
            written.add(file);
            entries.add(new ReportRenderer.IndexEntry(org.id(), org.name(), fileName));
            progress.done(org, entries.size(), orgs.size());
        }
        String what = level.equals("area") ? "område" : "enhet";
        String index = renderer.index("Månadsrapporter " + SwedishFormat.monthName(period) + " " + period / 100,
                entries.size() + " rapporter, en per " + what, level.equals("area") ? "Område" : "Enhet", period, entries);
        Path indexFile = outDir.resolve("index.html");
        writeAtomically(indexFile, index.getBytes(StandardCharsets.UTF_8));
        written.add(indexFile);
        return written;
    }

    /** Hears each report of a folder as it is written. */
    @FunctionalInterface
    public interface Progress {
        void done(OrgRef org, int done, int total);
    }

    /** "manadsrapport-2026-02-U1.html": the org id with anything but letters, digits, '-' and '_' replaced. */
    public static String fileName(int period, String orgId, ReportFormat format) {
        String safe = orgId.replaceAll("[^A-Za-z0-9_-]", "_");
        return "manadsrapport-" + SwedishFormat.isoPeriod(period) + "-" + safe + "." + format.extension();
    }

    public byte[] render(Report report, ReportFormat format) throws IOException {
        String html = renderer.html(report);
        if (format == ReportFormat.HTML) {
            return html.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.pdf(html, out);
        return out.toByteArray();
    }

    /** Writes beside the target and renames over it: readers see the old file or the new one, never half. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Parses "2024-03" (or 202403) to 202403. */
    public static int parsePeriod(String text) {
        String digits = text.strip().replace("-", "");
        if (!digits.matches("\\d{6}") || Integer.parseInt(digits.substring(4)) < 1 || Integer.parseInt(digits.substring(4)) > 12) {
            throw new ReportInputException("period '" + text + "' is not a month", "write it as YYYY-MM, e.g. 2024-03");
        }
        return Integer.parseInt(digits);
    }
}
