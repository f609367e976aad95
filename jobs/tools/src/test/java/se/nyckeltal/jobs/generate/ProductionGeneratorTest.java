package se.nyckeltal.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;

/** The demo's production extracts, without Spark: what a reader of the files would see. */
class ProductionGeneratorTest {
    @TempDir
    Path dir;

    private List<Path> generate(Path landing) {
        return new ProductionGenerator(new GeneratorSettings(YearMonth.of(2025, 3), 1, 7L), ReferenceData.defaults())
                .generate(landing, file -> { });
    }

    @Test
    void monthlyFilesPlusABudgetAndAForecastPerYear() {
        assertThat(generate(dir)).extracting(p -> p.getFileName().toString()).containsExactly(
                "produktion-2025-01.csv", "produktion-2025-02.csv", "produktion-2025-03.csv",
                "produktion-budget-2025.csv", "produktion-prognos-2025.csv");
    }

    @Test
    void drgPointsArriveWithTheNextMonthsFile() throws IOException {
        generate(dir);
        // 2025-01 (canonical UTF-8): January without DRG points. 2025-02 (Windows-1252, Swedish): January again,
        // whole and with DRG points, then February without.
        List<String> january = lines("produktion-2025-01.csv", StandardCharsets.UTF_8);
        assertThat(january.get(0)).isEqualTo("period;unit;provider;contact_type;volume;scenario;counterpart");
        assertThat(january).noneMatch(l -> l.contains("DRG_POINTS"));
        List<String> february = lines("produktion-2025-02.csv", Charset.forName("windows-1252"));
        assertThat(february.get(0)).isEqualTo("Månad;Enhet;Vårdgivartyp;Kontakttyp;Antal;Typ;Motpart");
        assertThat(february).anyMatch(l -> l.startsWith("2025-01;1070;Egen;DRG_POINTS;"));
        assertThat(february).noneMatch(l -> l.startsWith("2025-02;") && l.contains("DRG_POINTS"));
        assertThat(february).anyMatch(l -> l.startsWith("2025-02;2010;Regiondriven;DOCTOR_VISIT;"));
        assertThat(february).anyMatch(l -> l.startsWith("2025-02;6020;Privat vårdcentral;DOCTOR_VISIT;"));
        // digital care: remote visits of the providers the ledger books by the same counterpart id
        assertThat(february).anyMatch(l -> l.startsWith("2025-02;6020;Privat vårdgivare;DOCTOR_VISIT_REMOTE;")
                && l.endsWith(";KRY"));
    }

    @Test
    void marchHasDailyTabSeparatedRows() throws IOException {
        generate(dir);
        List<String> march = lines("produktion-2025-03.csv", StandardCharsets.UTF_8);
        assertThat(march.get(0)).isEqualTo("\uFEFFDatum\tEnhet\tVårdgivartyp\tKontakttyp\tAntal\tTyp\tMotpart");
        assertThat(march).anyMatch(l -> l.startsWith("2025-03-17\t1070\tEgen\tBED_DAYS_SOMATIC\t"));
        assertThat(march).anyMatch(l -> l.startsWith("2025-02-28\t1070\tEgen\tDRG_POINTS\t"));
    }

    @Test
    void sameSettingsGiveTheSameBytes() throws IOException {
        List<Path> first = generate(dir.resolve("a"));
        List<Path> second = generate(dir.resolve("b"));
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }

    private List<String> lines(String file, Charset charset) throws IOException {
        return Files.readAllLines(dir.resolve("production").resolve(file), charset);
    }
}
