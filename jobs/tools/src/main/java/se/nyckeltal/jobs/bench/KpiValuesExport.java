package se.nyckeltal.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.query.OutputFormat;
import se.nyckeltal.warehouse.query.QueryRunner;

/**
 * The published {@code kpi.kpi_values}, every row sorted, as CSV: what a change that must not move a
 * single KPI value (a faster ingest) is checked against. The same bytes as
 * {@code nyckeltal sql --format csv "SELECT * FROM kpi.kpi_values ORDER BY ALL"}, so a reference can
 * come from any earlier build.
 */
final class KpiValuesExport {
    static final String QUERY = "SELECT * FROM kpi.kpi_values ORDER BY ALL";

    private KpiValuesExport() {}

    /**
     * @param reference an earlier run's export that this one must equal, or null
     */
    static BenchReport.KpiCheck write(WarehouseLayout layout, Path csv, Path reference) {
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            QueryRunner.run(layout, QUERY, OutputFormat.CSV, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export kpi.kpi_values: " + e.getMessage(), e);
        }
        try {
            long rows = Math.max(0, lines(csv) - 1);
            if (reference == null) {
                return new BenchReport.KpiCheck(csv.toString(), rows, null, null);
            }
            return new BenchReport.KpiCheck(csv.toString(), rows, reference.toString(),
                    Files.mismatch(csv, reference) == -1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + csv + " with " + reference, e);
        }
    }

    private static long lines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }
}
