package se.nyckeltal.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restatement (rättelse) of a month, as the benchmark's nightly load delivers it: the whole month
 * again, with a few changes. Scale M, one month (January 2026, a canonical UTF-8 export).
 */
class GeneratorRestatementTest {
    private static final YearMonth MONTH = YearMonth.of(2026, 1);

    @TempDir
    static Path landing;
    private static DemoRegionGenerator.Summary restatement;

    @BeforeAll
    static void generate() {
        DemoRegionGenerator generator = DemoRegionGenerator.of(new GeneratorSettings(MONTH, 1, 20240331L, Scale.M));
        generator.generate(landing, file -> { });
        restatement = generator.generateRestatement(landing, MONTH, file -> { });
    }

    @Test
    void aRestatementIsALedgerAndAnHrFileThatSortAfterTheMonthsDelivery() {
        Path ledger = landing.resolve("ledger/huvudbok-2026-01_rattelse.csv");
        Path hr = landing.resolve("hr/tid-2026-01_rattelse.csv");
        assertThat(restatement.files()).containsExactly(ledger, hr);
        // The load applies files in name order: the correction must come after what it corrects.
        assertThat(ledger).isGreaterThan(landing.resolve("ledger/huvudbok-2026-01.csv"));
        assertThat(hr).isGreaterThan(landing.resolve("hr/tid-2026-01.csv"));
    }

    @Test
    void theRestatedLedgerIsTheWholeMonthWithAFewCostsHigher() throws IOException {
        Map<String, String> original = amounts("ledger/huvudbok-2026-01.csv");
        Map<String, String> restated = amounts("ledger/huvudbok-2026-01_rattelse.csv");
        assertThat(restated.keySet()).isEqualTo(original.keySet());
        List<String> changed = new ArrayList<>();
        original.forEach((key, amount) -> {
            if (!restated.get(key).equals(amount)) {
                changed.add(key);
                assertThat(number(restated.get(key))).isGreaterThan(number(amount)).isPositive();
            }
        });
        assertThat(changed.size() / (double) original.size()).isBetween(0.01, 0.04);
    }

    @Test
    void theRestatedHrMonthHasTheSameScheduleWithSomeSickDaysReportedLate() throws IOException {
        Map<String, Double> original = hoursByType("hr/tid-2026-01.csv");
        Map<String, Double> restated = hoursByType("hr/tid-2026-01_rattelse.csv");
        assertThat(restated.get("SCHEDULED")).isEqualTo(original.get("SCHEDULED"));
        double lateSick = restated.get("SICK") - original.get("SICK");
        assertThat(lateSick).isPositive();
        // Sick in place of a day's worked, vacation or other absence hours: the day's hours still add up
        // (hours are whole quarters, so the sums are exact); the overtime of those days goes too.
        assertThat(away(original) - away(restated)).isEqualTo(lateSick);
        assertThat(restated.get("OVERTIME")).isLessThanOrEqualTo(original.get("OVERTIME"));
    }

    private static double away(Map<String, Double> hours) {
        return hours.get("WORKED") + hours.getOrDefault("VACATION", 0.0) + hours.get("OTHER_ABSENCE");
    }

    @Test
    void onlyAGeneratedMonthCanBeRestated() {
        DemoRegionGenerator generator = DemoRegionGenerator.of(new GeneratorSettings(MONTH, 1, 20240331L, Scale.M));
        assertThatThrownBy(() -> generator.generateRestatement(landing, MONTH.plusMonths(1), file -> { }))
                .hasMessageContaining("outside the generated range");
    }

    /** Amount by the rest of the row (period, cost centre, account, activity, counterpart, scenario). */
    private static Map<String, String> amounts(String file) throws IOException {
        Map<String, String> amounts = new HashMap<>();
        for (String line : lines(file)) {
            int last = line.lastIndexOf(';');
            assertThat(amounts.put(line.substring(0, last), line.substring(last + 1))).isNull();
        }
        return amounts;
    }

    private static Map<String, Double> hoursByType(String file) throws IOException {
        Map<String, Double> hours = new HashMap<>();
        for (String line : lines(file)) {
            String[] fields = line.split(";");
            hours.merge(fields[7], Double.parseDouble(fields[8]), Double::sum);
        }
        return hours;
    }

    /** Decimal comma, no-break-space thousands: the canonical export's amounts. */
    private static double number(String amount) {
        return Double.parseDouble(amount.replace("\u00A0", "").replace(',', '.'));
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(landing.resolve(file), StandardCharsets.UTF_8).stream().skip(1).toList();
    }
}
