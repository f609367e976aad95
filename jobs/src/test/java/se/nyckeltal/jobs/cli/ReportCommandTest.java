package se.nyckeltal.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.warehouse.report.ReportFixture;

/** {@code nyckeltal report}: one file replaced atomically, a folder per area or unit, one-line errors with a hint. */
class ReportCommandTest {
    @TempDir
    static Path tmp;

    private static Path warehouse;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void publish() {
        warehouse = ReportFixture.publish(tmp.resolve("region")).root();
    }

    private int run(String... args) {
        return NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesTheReportOverAnExistingFileWithNothingLeftBeside() throws Exception {
        Path report = tmp.resolve("out/manadsrapport-2026-02.html");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "old");
        int exit = run("report", "--warehouse", warehouse.toString(), "--period", "2026-02", "--out", report.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Wrote the månadsrapport 2026-02 for").contains(report.toString());
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>")
                .contains("Månadsrapport februari 2026");
        try (Stream<Path> files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void allAreasWritesOneReportPerAreaAndAnIndex() throws Exception {
        Path folder = tmp.resolve("areas");
        int exit = run("report", "--warehouse", warehouse.toString(), "--period", "2026-02", "--org", "all-areas",
                "--out", folder.toString());
        assertThat(exit).as(err.toString()).isZero();
        // Areas of February 2026 (RegionFixture): A, B and UNMAPPED (cost centre X9).
        assertThat(folder.resolve("manadsrapport-2026-02-A.html")).exists();
        assertThat(folder.resolve("manadsrapport-2026-02-B.html")).exists();
        assertThat(folder.resolve("manadsrapport-2026-02-UNMAPPED.html")).exists();
        assertThat(Files.readString(folder.resolve("index.html"))).contains("manadsrapport-2026-02-A.html", "Område B");
    }

    @Test
    void unknownOrgIsOneErrorLineWithTheOrgsThatExist() {
        int exit = run("report", "--warehouse", warehouse.toString(), "--period", "2026-02", "--org", "Q7", "--out",
                tmp.resolve("q.html").toString());
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString().lines()).containsExactly("error: unknown org 'Q7' for period 2026-02",
                "hint: use TOTAL, all-areas, all-units, an area (A, B, UNMAPPED) or a unit (U1, U2, U3, U4, UNMAPPED)");
        assertThat(tmp.resolve("q.html")).doesNotExist();
    }

    @Test
    void periodWithoutDataIsOneErrorLineWithThePeriodsThatExist() {
        int exit = run("report", "--warehouse", warehouse.toString(), "--period", "2027-01", "--out",
                tmp.resolve("p.html").toString());
        assertThat(exit).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: no data for period 2027-01 in the catalogue\nhint: periods with data: 2024-01");
        assertThat(run("report", "--warehouse", warehouse.toString(), "--period", "2026-13", "--out",
                tmp.resolve("p.html").toString())).isEqualTo(NyckeltalCli.EXIT_FAILED);
        assertThat(err.toString()).contains("error: period '2026-13' is not a month");
    }
}
