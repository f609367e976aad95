package se.nyckeltal.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * Scale M, January–February 2026: a region like the månadsrapport's, in its own org structure. One
 * generation shared by the tests (≈ 3 s); they only read it.
 */
class GeneratorScaleTest {
    private static final GeneratorSettings SETTINGS = new GeneratorSettings(YearMonth.of(2026, 2), 1, 20240331L, Scale.M);
    /** SHA-256 over the slice {@link #slice()} names. If you change the generator on purpose, put the new one here. */
    private static final String SLICE_CHECKSUM = "8fc9159b459ee72a91824a577c4ec8ea4329ea2ee3d87b21516eedaa87787852";

    @TempDir
    static Path landing;
    private static DemoRegionGenerator.Summary summary;

    @BeforeAll
    static void generate() {
        summary = DemoRegionGenerator.of(SETTINGS).generate(landing, file -> { });
    }

    @Test
    void mHasAboutThreeHundredCostCentresInItsOwnOrgStructure() throws IOException {
        List<String> lines = Files.readAllLines(landing.resolve("reference/org_units.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("unit_id;unit_name;area_id;area_name;valid_from;valid_to;ownership;unit_type");
        assertThat(costCentreIds()).hasSizeBetween(290, 310).allMatch(id -> id.matches("\\d{6}"));
        // The private care-choice units keep their own books: listed in the org structure, not split.
        assertThat(lines).contains("7010;Privat vårdcentral Hälsan;HALSOVAL;Hälsoval, privata vårdgivare;2020-01-01;;PRIVATE;VC");
        // Kirurgkliniken's cost centres keep its area; Hjälpmedelscentrum's keep its move to DIAG in 2026.
        assertThat(lines).contains("105001;Kirurgkliniken, avd 1;AKUT;Akutsjukvård;2020-01-01;;;",
                "211001;Hjälpmedelscentrum (HMC), enhet 1;NARA;Nära vård;2020-01-01;2025-12-31;;",
                "211001;Hjälpmedelscentrum (HMC), enhet 1;DIAG;Medicinsk diagnostik;2026-01-01;;;");
        // A public vårdcentral's cost centres keep its ownership and type.
        assertThat(lines).anyMatch(l -> l.startsWith("2010") && l.endsWith(";PUBLIC;VC"));
        // The load reads it as it reads the shipped default.
        assertThat(ReferenceData.load(landing.resolve("reference")).orgUnits()).hasSize(lines.size() - 1);
    }

    @Test
    void everyUnitTheExtractsUseIsInTheOrgStructureButTheDeliberateUnknownOne() throws IOException {
        Set<String> used = new HashSet<>();
        for (String file : List.of("ledger/huvudbok-2026-01.csv", "ledger/huvudbok-2026-02.csv", "ledger/budget-2026.csv",
                "ledger/prognos-2026.csv", "production/produktion-2026-01.csv", "production/produktion-2026-02.csv",
                "production/produktion-budget-2026.csv")) {
            rows(file).forEach(r -> used.add(r[1]));
        }
        for (String file : List.of("hr/tid-2026-01.csv", "hr/tid-2026-02.csv")) {
            rows(file).forEach(r -> used.add(r[2]));
        }
        used.removeAll(orgUnitIds());
        assertThat(used).containsExactly(DemoRegionGenerator.UNKNOWN_UNIT);
    }

    @Test
    void mIsStaffedLikeARegionOfAboutFiveThousandOneHundredFte() throws IOException {
        List<String[]> january = rows("hr/tid-2026-01.csv");
        long ownEmployees = january.stream().filter(r -> r[3].equals("OWN")).map(r -> r[1]).distinct().count();
        assertThat(ownEmployees).isBetween(5_000L, 6_000L);
        // årsarbetare = worked and overtime hours ÷ the norm's share of the window: 1 725 h × 2 / 12
        double worked = Stream.concat(january.stream(), rows("hr/tid-2026-02.csv").stream())
                .filter(r -> r[7].equals("WORKED") || r[7].equals("OVERTIME") || r[7].equals("Arbetad")
                        || r[7].equals("Övertid"))
                .mapToDouble(r -> Double.parseDouble(r[8].replace(',', '.'))).sum();
        assertThat(worked / (1725 * 2 / 12.0)).isBetween(4_700.0, 5_500.0);
    }

    @Test
    void theLedgerHasFiftyToSeventyRowsPerCostCentreAndMonthInEveryScenario() throws IOException {
        int costCentres = costCentreIds().size();
        assertThat(rows("ledger/huvudbok-2026-01.csv").size() / (double) costCentres).isBetween(50.0, 70.0);
        assertThat(rows("ledger/budget-2026.csv").size() / (12.0 * costCentres)).isBetween(50.0, 70.0);
        assertThat(rows("ledger/prognos-2026.csv").size() / (12.0 * costCentres)).isBetween(50.0, 70.0);
    }

    @Test
    void everyMonthsProductionFileHasDailyRows() throws IOException {
        for (String file : List.of("production/produktion-2026-01.csv", "production/produktion-2026-02.csv")) {
            assertThat(header(file).toLowerCase(java.util.Locale.ROOT)).matches("(date|datum)[;,\t].*");
            assertThat(rows(file)).allMatch(r -> r[0].matches("2026-0[12]-\\d\\d"));
        }
        assertThat(rows("production/produktion-2026-01.csv")).extracting(r -> r[0]).contains("2026-01-01", "2026-01-31");
    }

    @Test
    void theSummaryNamesAMonthsRegularDeliveries() {
        assertThat(summary.monthlyFiles(YearMonth.of(2026, 2))).containsExactly(
                landing.resolve("ledger/huvudbok-2026-02.csv"), landing.resolve("production/produktion-2026-02.csv"),
                landing.resolve("hr/tid-2026-02.csv"));
        assertThat(summary.sources()).extracting(DemoRegionGenerator.SourceSummary::source)
                .containsExactly("reference", "ledger", "production", "hr", "indicators", "actions", "comments", "listings");
        assertThat(summary.rows()).isGreaterThan(1_000_000L);
    }

    @Test
    void theSameSettingsGiveTheSameBytesInEveryJvm() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String file : slice()) {
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(landing.resolve(file)));
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(SLICE_CHECKSUM);
    }

    @Test
    void scalesAreReadInEitherCase() {
        assertThat(Scale.parse("m")).isEqualTo(Scale.M);
        assertThat(Scale.parse(" L ")).isEqualTo(Scale.L);
        assertThatThrownBy(() -> Scale.parse("XL")).hasMessageContaining("S, M or L");
        assertThat(GeneratorSettings.defaults(Scale.M).firstMonth()).isEqualTo(YearMonth.of(2022, 1));
    }

    private static List<String> slice() {
        return List.of("reference/org_units.csv", "ledger/huvudbok-2026-01.csv", "production/produktion-2026-02.csv",
                "hr/tid-2026-01.csv");
    }

    private static Set<String> orgUnitIds() throws IOException {
        return rows("reference/org_units.csv").stream().map(r -> r[0]).collect(Collectors.toSet());
    }

    /** The region's own cost centres: every unit but the private care-choice units. */
    private static Set<String> costCentreIds() throws IOException {
        return rows("reference/org_units.csv").stream().filter(r -> !r[6].equals("PRIVATE")).map(r -> r[0])
                .collect(Collectors.toSet());
    }

    private static String header(String file) throws IOException {
        return lines(file).get(0);
    }

    /** The data rows of a generated file, split on its delimiter; Excel's empty trailing rows left out. */
    static List<String[]> rows(String file) throws IOException {
        List<String> lines = lines(file);
        String delimiter = lines.get(0).contains("\t") ? "\t" : lines.get(0).contains(";") ? ";" : ",";
        return lines.stream().skip(1).filter(l -> !l.replace(delimiter, "").isBlank())
                .map(l -> l.split(delimiter, -1)).toList();
    }

    private static List<String> lines(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(landing.resolve(file));
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.contains("\uFFFD")) {
            text = new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
        }
        return Arrays.stream(text.replace("\uFEFF", "").split("\r?\n")).toList();
    }
}
