package se.nyckeltal.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;

/** {@code generate --scale}: what a benchmark script types and reads back. */
class GenerateCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NyckeltalCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aScaleInEitherCaseWritesAndReportsEverySource() {
        Path landing = tmp.resolve("landing");
        // The demo scale, one month: the larger scales' files are GeneratorScaleTest's.
        int exit = run("generate", "--scale", "s", "--to", "2024-01", "--years", "1", "--landing", landing.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("scale S, 2024-01–2024-01:");
        assertThat(out.toString().lines().skip(1).limit(4).map(l -> l.strip().split(" ")[0]))
                .containsExactly("reference", "ledger", "production", "hr");
        assertThat(landing.resolve("ledger/huvudbok-2024-01.csv")).isRegularFile();
        // A load needs the region's org units and accounts; the demo region's are the shipped ones.
        assertThat(landing.resolve("reference/org_units.csv")).hasBinaryContent(
                ReferenceData.shippedDefault(ReferenceData.ORG_UNITS));
        assertThat(landing.resolve("reference/accounts.csv")).hasBinaryContent(
                ReferenceData.shippedDefault(ReferenceData.ACCOUNTS));
        assertThat(landing.resolve("reference/capitation_rates.csv")).hasBinaryContent(
                ReferenceData.shippedDefault(ReferenceData.CAPITATION_RATES));
        assertThat(landing.resolve("listings/listning-2024-01.csv")).isRegularFile();
    }

    @Test
    void anUnknownScaleIsRefusedWithTheChoices() {
        int exit = run("generate", "--scale", "XL", "--landing", tmp.toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("scale 'XL' must be S, M or L");
    }
}
