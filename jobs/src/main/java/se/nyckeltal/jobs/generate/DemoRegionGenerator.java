package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import se.nyckeltal.schemas.reference.OrgUnitVersion;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * Writes a deterministic landing zone for the demo region (the default reference data): monthly
 * ledger actuals, yearly budgets and forecasts, in the format quirks real exports have. The same
 * settings always give byte-identical files.
 *
 * <p>The economics are shaped like the månadsrapport: personnel is about half the cost, agency
 * staff falls in the last year, the regional allocation (regionersättning) is set so the budget
 * balances, and actual costs grow faster than budgeted — so the result is negative, as it usually is.
 */
public final class DemoRegionGenerator {
    /** The month whose file carries one mistyped amount, to show quarantine in the demo. */
    static final YearMonth MONTH_WITH_BAD_ROW = YearMonth.of(2025, 6);
    /** The month whose file books on a cost centre the org structure does not know (UNMAPPED). */
    static final YearMonth MONTH_WITH_UNKNOWN_UNIT = YearMonth.of(2026, 2);
    static final String UNKNOWN_UNIT = "9990";

    private final GeneratorSettings settings;
    private final ReferenceData reference;

    public DemoRegionGenerator(GeneratorSettings settings, ReferenceData reference) {
        this.settings = requireNonNull(settings, "settings");
        this.reference = requireNonNull(reference, "reference");
    }

    /** What was written. */
    public record Summary(List<Path> files, long rows) {}

    /** One ledger row before formatting. Amount: debit positive. */
    private record Row(YearMonth month, String costCenter, String account, String activity, String counterpart,
            String scenario, BigDecimal amount) {}

    public Summary generate(Path landing, Consumer<Path> onFileWritten) {
        List<String> units = unitIds();
        List<Path> files = new ArrayList<>();
        long rows = 0;
        int index = 0;
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            ExtractStyle style = ExtractStyle.values()[index++ % ExtractStyle.values().length];
            List<Row> records = new ArrayList<>();
            for (String unit : units) {
                records.addAll(unitMonth(unit, month, "ACTUAL"));
            }
            if (month.equals(MONTH_WITH_UNKNOWN_UNIT)) {
                records.add(new Row(month, UNKNOWN_UNIT, "5510", "", "", "ACTUAL", new BigDecimal("48250.00")));
            }
            Path file = landing.resolve("ledger").resolve(String.format("huvudbok-%04d-%02d.csv", month.getYear(),
                    month.getMonthValue()));
            rows += write(file, style, records, month.equals(MONTH_WITH_BAD_ROW) ? month : null);
            files.add(file);
            onFileWritten.accept(file);
        }
        for (int year = settings.firstMonth().getYear(); year <= settings.lastMonth().getYear(); year++) {
            for (String scenario : List.of("BUDGET", "FORECAST")) {
                List<Row> records = new ArrayList<>();
                for (int m = 1; m <= 12; m++) {
                    for (String unit : units) {
                        records.addAll(unitMonth(unit, YearMonth.of(year, m), scenario));
                    }
                }
                boolean budget = scenario.equals("BUDGET");
                Path file = landing.resolve("ledger").resolve(String.format(budget ? "budget-%d.csv" : "prognos-%d.csv", year));
                rows += write(file, budget ? ExtractStyle.SWEDISH_WINDOWS_1252 : ExtractStyle.CANONICAL_UTF8, records, null);
                files.add(file);
                onFileWritten.accept(file);
            }
        }
        files.addAll(new ProductionGenerator(settings, reference).generate(landing, onFileWritten));
        rows += new HrGenerator(settings, reference).generate(landing,
                file -> { files.add(file); onFileWritten.accept(file); });
        return new Summary(files, rows);
    }

    private List<String> unitIds() {
        Set<String> ids = new LinkedHashSet<>();
        reference.orgUnits().stream().map(OrgUnitVersion::unitId).forEach(ids::add);
        return new ArrayList<>(ids);
    }

    private List<Row> unitMonth(String unit, YearMonth month, String scenario) {
        UnitProfile profile = UnitProfile.of(unit);
        List<Row> rows = new ArrayList<>();
        BigDecimal budgetRevenue = BigDecimal.ZERO;
        BigDecimal budgetCost = BigDecimal.ZERO;
        for (UnitProfile.Line line : profile.lines()) {
            BigDecimal budget = budget(profile, line, month.getYear());
            BigDecimal amount = switch (scenario) {
                case "BUDGET" -> budget;
                case "FORECAST" -> expected(profile, line, month).multiply(new BigDecimal("1.01"));
                default -> expected(profile, line, month).multiply(noise(unit, line.account(), month));
            };
            amount = amount.setScale(2, RoundingMode.HALF_EVEN);
            if (line.revenue()) {
                budgetRevenue = budgetRevenue.add(budget);
                amount = amount.negate();
            } else {
                budgetCost = budgetCost.add(budget);
            }
            rows.add(new Row(month, unit, line.account(), profile.activity(), line.counterpart(), scenario, amount));
        }
        // Regionersättning: the allocation that balances the unit's budget, paid in twelfths, the
        // same in every scenario (it is decided, not earned).
        BigDecimal allocation = budgetCost.subtract(budgetRevenue).multiply(BigDecimal.valueOf(profile.allocationShare()))
                .setScale(2, RoundingMode.HALF_EVEN);
        rows.add(new Row(month, unit, "3210", profile.activity(), "REGION", scenario, allocation.negate()));
        return rows;
    }

    /** The year's budget for a line, in twelfths: the 2024 level grown by the planned rate. */
    private static BigDecimal budget(UnitProfile profile, UnitProfile.Line line, int year) {
        double growth = Math.pow(1.035, year - 2024);
        double agencyCut = line.agency() && year >= 2026 ? 0.7 : 1.0;
        return BigDecimal.valueOf(line.monthly() * profile.size() * growth * agencyCut).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Where actuals land: costs grow faster than planned, pay dips in July, overtime peaks, agency falls in 2026. */
    private static BigDecimal expected(UnitProfile profile, UnitProfile.Line line, YearMonth month) {
        double years = month.getYear() - 2024 + (month.getMonthValue() - 1) / 12.0;
        double growth = Math.pow(line.revenue() ? 1.03 : 1.055, years);
        double seasonal = 1.0;
        if (line.account().equals("4010") && month.getMonthValue() == 7) {
            seasonal = 0.82;
        } else if (line.account().equals("4110") && (month.getMonthValue() == 7 || month.getMonthValue() == 12)) {
            seasonal = 1.9;
        } else if (line.agency()) {
            seasonal = month.getYear() >= 2026 ? 0.78 : 1.1;
        }
        return BigDecimal.valueOf(line.monthly() * profile.size() * growth * seasonal);
    }

    private BigDecimal noise(String unit, String account, YearMonth month) {
        SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), unit, account, month.toString()));
        return BigDecimal.valueOf(1.0 + (random.nextDouble() * 2 - 1) * 0.04);
    }

    /** Writes rows in the style; {@code badRowMonth} non-null appends one mistyped amount for that month. */
    private static long write(Path file, ExtractStyle style, List<Row> records, YearMonth badRowMonth) {
        StringBuilder text = new StringBuilder(records.size() * 48);
        text.append(style.header()).append(style.newline);
        for (Row r : records) {
            line(text, style, r.month(), r.costCenter(), r.account(), r.activity(), r.counterpart(),
                    style.scenario(r.scenario()), style.amount(r.amount()));
        }
        long rows = records.size();
        if (badRowMonth != null) {
            // A hand-edited export, once in a while: the amount is mistyped. Quarantined, not loaded.
            line(text, style, badRowMonth, "1010", "4010", "SOMATIK", "", style.scenario("ACTUAL"), "12 34,5");
            rows++;
        }
        if (style == ExtractStyle.SWEDISH_WINDOWS_1252) {
            // Excel leaves empty rows at the end of a sheet: skipped, not errors.
            text.append(";;;;;;").append(style.newline).append(";;;;;;").append(style.newline);
        }
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                if (style.bom) {
                    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                }
                out.write(text.toString().getBytes(style.charset));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return rows;
    }

    private static void line(StringBuilder text, ExtractStyle style, YearMonth month, String... fields) {
        text.append(style.period(month.getYear(), month.getMonthValue()));
        for (String field : fields) {
            text.append(style.delimiter).append(field);
        }
        text.append(style.newline);
    }
}
