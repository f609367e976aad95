package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * Writes a deterministic landing zone for a generated region: the ledger here (monthly actuals,
 * yearly budgets and forecasts, in the format quirks real exports have), production and HR through
 * {@link ProductionGenerator} and {@link HrGenerator}, and for scales M and L the region's org
 * structure in {@code reference/}. The same settings always give byte-identical files.
 *
 * <p>The economics are shaped like the månadsrapport: personnel is about half the cost, agency
 * staff falls in the last year, the regional allocation (regionersättning) is set so the budget
 * balances, and actual costs grow faster than budgeted — so the result is negative, as it usually is.
 * In M and L each account of a unit's profile is booked on several sub-accounts of the same account
 * range (≈ 60 rows per cost centre and month, as a real huvudbok has); the demo (S) books one each.
 */
public final class DemoRegionGenerator {
    /** The month whose file carries one mistyped amount, to show quarantine in the demo. */
    static final YearMonth MONTH_WITH_BAD_ROW = YearMonth.of(2025, 6);
    /** The month whose file books on a cost centre the org structure does not know (UNMAPPED). */
    static final YearMonth MONTH_WITH_UNKNOWN_UNIT = YearMonth.of(2026, 2);
    static final String UNKNOWN_UNIT = "9990";
    /** The months a year's forecasts are made in: February, and April at the tertial report (prognosmånad). */
    static final YearMonth FORECAST_FIRST = YearMonth.of(2000, 2);
    static final YearMonth FORECAST_REVISED = YearMonth.of(2000, 4);
    /** Share of a restated month's cost rows that change (late invoices, corrected accruals). */
    static final double RESTATED_ROW_SHARE = 0.03;

    private final GeneratorSettings settings;
    private final RegionShape region;

    /**
     * @param reference the demo units every cost centre is made from: for scale S the region is
     *     exactly these units, for M and L each is split into several cost centres
     */
    public DemoRegionGenerator(GeneratorSettings settings, ReferenceData reference) {
        this.settings = requireNonNull(settings, "settings");
        this.region = RegionShape.of(requireNonNull(reference, "reference"), settings.scale(), settings.seed());
    }

    /** A region made from the shipped demo units. */
    public static DemoRegionGenerator of(GeneratorSettings settings) {
        return new DemoRegionGenerator(settings, ReferenceData.defaults());
    }

    /** What one source folder received. */
    public record SourceSummary(String source, int files, long rows, long bytes) {}

    /**
     * What was written.
     *
     * @param files every file, in the order written
     * @param sources per landing folder (ledger, production, hr, reference), in the order first written
     */
    public record Summary(List<Path> files, List<SourceSummary> sources) {
        public Summary {
            files = List.copyOf(files);
            sources = List.copyOf(sources);
        }

        /** Data rows in all files. */
        public long rows() {
            return sources.stream().mapToLong(SourceSummary::rows).sum();
        }

        public long bytes() {
            return sources.stream().mapToLong(SourceSummary::bytes).sum();
        }

        /**
         * The regular monthly deliveries of one month, the files a nightly load receives:
         * {@code ledger/huvudbok-YYYY-MM.csv}, {@code production/produktion-YYYY-MM.csv} (which also
         * re-delivers the month before, now with its DRG points) and {@code hr/tid-YYYY-MM.csv}.
         * Budgets, forecasts and reference data are not among them.
         */
        public List<Path> monthlyFiles(YearMonth month) {
            Set<String> names = Set.of(ledgerFileName(month), ProductionGenerator.monthlyFileName(month),
                    HrGenerator.monthlyFileName(month));
            return files.stream().filter(f -> names.contains(f.getFileName().toString())).toList();
        }
    }

    /** One ledger row before formatting. Amount: debit positive. */
    private record Row(YearMonth month, String costCenter, String account, String activity, String counterpart,
            String scenario, BigDecimal amount) {
        Row withAmount(BigDecimal newAmount) {
            return new Row(month, costCenter, account, activity, counterpart, scenario, newAmount);
        }
    }

    /** Part of a profile line booked on one sub-account. */
    private record SubAccount(String account, double share) {}

    public Summary generate(Path landing, Consumer<Path> onFileWritten) {
        requireNonNull(landing, "landing");
        Tally tally = new Tally(onFileWritten);
        // A load needs the region's own org units and accounts: the generated region delivers them
        // like its extracts. Scale S is the demo region, whose files are the shipped defaults.
        Path reference = landing.resolve("reference");
        if (region.hasOwnReference()) {
            tally.written(region.writeOrgUnits(reference), region.orgUnits().size());
        } else {
            tally.written(writeShippedReference(reference, ReferenceData.ORG_UNITS),
                    ReferenceData.defaults().orgUnits().size());
        }
        tally.written(writeShippedReference(reference, ReferenceData.ACCOUNTS), ReferenceData.defaults().accounts().size());
        // Vårdval: the shipped listing compensation (the seed's Hälsoval 2024 rates and their yearly steps).
        tally.written(writeShippedReference(reference, ReferenceData.CAPITATION_RATES),
                ReferenceData.defaults().capitationRates().size());
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            List<Row> records = actuals(month);
            if (month.equals(MONTH_WITH_UNKNOWN_UNIT)) {
                records.add(new Row(month, UNKNOWN_UNIT, "5510", "", "", "ACTUAL", new BigDecimal("48250.00")));
            }
            Path file = landing.resolve("ledger").resolve(ledgerFileName(month));
            tally.written(file, write(file, style(month), records, month.equals(MONTH_WITH_BAD_ROW) ? month : null, null));
        }
        for (int year = settings.firstMonth().getYear(); year <= settings.lastMonth().getYear(); year++) {
            for (String scenario : List.of("BUDGET", "FORECAST")) {
                List<Row> records = new ArrayList<>();
                for (int m = 1; m <= 12; m++) {
                    for (CostCentre centre : region.costCentres()) {
                        records.addAll(costCentreMonth(centre, YearMonth.of(year, m), scenario));
                    }
                }
                if (scenario.equals("BUDGET")) {
                    Path file = landing.resolve("ledger").resolve("budget-" + year + ".csv");
                    tally.written(file, write(file, ExtractStyle.SWEDISH_WINDOWS_1252, records, null, null));
                    continue;
                }
                // Two forecasts a year: February's, and the tertial's (made in April) with costs revised up.
                // The latest one made is prognos-YYYY.csv; an earlier one carries its month in the name.
                List<YearMonth> made = forecastMonths(year);
                for (YearMonth version : made) {
                    boolean latest = version.equals(made.get(made.size() - 1));
                    List<Row> versionRecords = version.getMonthValue() < FORECAST_REVISED.getMonthValue() ? records
                            : records.stream().map(r -> r.amount().signum() > 0 ? r.withAmount(r.amount()
                                    .multiply(new BigDecimal("1.012")).setScale(2, RoundingMode.HALF_EVEN)) : r).toList();
                    Path file = landing.resolve("ledger").resolve("prognos-" + (latest ? String.valueOf(year)
                            : version.toString()) + ".csv");
                    tally.written(file, write(file, ExtractStyle.CANONICAL_UTF8, versionRecords, null,
                            version.toString().replace("-", "")));
                }
            }
        }
        new ProductionGenerator(settings, region).generate(landing, tally::written);
        new HrGenerator(settings, region).generate(landing, tally::written);
        new FollowUpGenerator(settings, region).generate(landing, tally::written);
        new ListingGenerator(settings, region).generate(landing, tally::written);
        return tally.summary();
    }

    /**
     * A corrected re-delivery of one month, as a nightly load receives it beside the next month
     * (rättelse): {@code ledger/huvudbok-YYYY-MM_rattelse.csv}, the month's ACTUAL ledger whole again
     * with {@value #RESTATED_ROW_SHARE} of the cost rows changed (late invoices), and
     * {@code hr/tid-YYYY-MM_rattelse.csv}, the month's HR time whole again with some sick days reported
     * late in place of worked days. The load replaces a (source, scenario, period) partition with the
     * latest file delivering it, so both files carry the complete month; the "_" sorts each after the
     * month's regular file, so the correction wins even when both arrive in one load. Production needs
     * no correction file: each monthly production file already re-delivers the month before whole
     * (with its DRG points), see {@link ProductionGenerator}. The deliberate bad rows of the original
     * deliveries are corrected, not repeated.
     *
     * @param month a month of the settings' range; the other settings must be those the landing zone was
     *     generated with, so the restated month matches the original but for the corrections
     */
    public Summary generateRestatement(Path landing, YearMonth month, Consumer<Path> onFileWritten) {
        requireNonNull(landing, "landing");
        requireNonNull(month, "month");
        if (month.isBefore(settings.firstMonth()) || month.isAfter(settings.lastMonth())) {
            throw new IllegalArgumentException("month " + month + " is outside the generated range "
                    + settings.firstMonth() + "–" + settings.lastMonth());
        }
        Tally tally = new Tally(onFileWritten);
        List<Row> records = new ArrayList<>();
        for (Row row : actuals(month)) {
            records.add(restated(row));
        }
        if (month.equals(MONTH_WITH_UNKNOWN_UNIT)) {
            records.add(new Row(month, UNKNOWN_UNIT, "5510", "", "", "ACTUAL", new BigDecimal("48250.00")));
        }
        Path file = landing.resolve("ledger").resolve(restatementFileName(ledgerFileName(month)));
        tally.written(file, write(file, style(month), records, null, null));
        new HrGenerator(settings, region).generateRestatement(landing, month, tally::written);
        return tally.summary();
    }

    /** {@code huvudbok-2026-09.csv} → {@code huvudbok-2026-09_rattelse.csv}. */
    static String restatementFileName(String monthlyFileName) {
        return monthlyFileName.replace(".csv", "_rattelse.csv");
    }

    /**
     * The forecasts of a year made by the last generated month: February's and April's; a year whose
     * February is not reached yet has one forecast, made in its first month.
     */
    private List<YearMonth> forecastMonths(int year) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth version : List.of(FORECAST_FIRST.withYear(year), FORECAST_REVISED.withYear(year))) {
            if (!version.isAfter(settings.lastMonth())) {
                months.add(version);
            }
        }
        if (months.isEmpty()) {
            months.add(YearMonth.of(year, 1));
        }
        return months;
    }

    static String ledgerFileName(YearMonth month) {
        return "huvudbok-" + month + ".csv";
    }

    /** The monthly files cycle through the export styles, the same month always in the same style. */
    private ExtractStyle style(YearMonth month) {
        long index = ChronoUnit.MONTHS.between(settings.firstMonth(), month);
        return ExtractStyle.values()[(int) (index % ExtractStyle.values().length)];
    }

    private List<Row> actuals(YearMonth month) {
        List<Row> records = new ArrayList<>();
        for (CostCentre centre : region.costCentres()) {
            records.addAll(costCentreMonth(centre, month, "ACTUAL"));
        }
        return records;
    }

    /** A late invoice now and then: a cost row a few to 25 % higher than first delivered. */
    private Row restated(Row row) {
        if (row.amount().signum() <= 0) {
            return row; // revenue and the allocation are settled; corrections come as supplier invoices
        }
        SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "rattelse", row.costCenter(),
                row.account(), row.month().toString()));
        if (random.nextDouble() >= RESTATED_ROW_SHARE) {
            return row;
        }
        BigDecimal factor = BigDecimal.valueOf(1.02 + random.nextDouble() * 0.23);
        return row.withAmount(row.amount().multiply(factor).setScale(2, RoundingMode.HALF_EVEN));
    }

    private List<Row> costCentreMonth(CostCentre centre, YearMonth month, String scenario) {
        UnitProfile profile = centre.profile();
        String unit = centre.id();
        List<Row> rows = new ArrayList<>();
        BigDecimal budgetRevenue = BigDecimal.ZERO;
        BigDecimal budgetCost = BigDecimal.ZERO;
        for (UnitProfile.Line line : profile.lines()) {
            BigDecimal budget = budget(profile, line, month.getYear());
            for (SubAccount sub : subAccounts(centre, line)) {
                BigDecimal amount = switch (scenario) {
                    case "BUDGET" -> budget;
                    case "FORECAST" -> expected(profile, line, month).multiply(new BigDecimal("1.01"));
                    default -> expected(profile, line, month).multiply(noise(unit, sub.account(), month));
                };
                if (sub.share() != 1.0) {
                    amount = amount.multiply(BigDecimal.valueOf(sub.share()));
                }
                amount = amount.setScale(2, RoundingMode.HALF_EVEN);
                Row row = new Row(month, unit, sub.account(), profile.activity(), line.counterpart(), scenario,
                        line.revenue() ? amount.negate() : amount);
                if (scenario.equals("ACTUAL") && centre.template().equals(DigitalCare.LEDGER_TEMPLATE)
                        && line.account().equals(DigitalCare.LEDGER_ACCOUNT) && sub.account().equals(line.account())) {
                    rows.addAll(withDigitalCare(row, profile.size()));
                } else {
                    rows.add(row);
                }
            }
            if (line.revenue()) {
                budgetRevenue = budgetRevenue.add(budget);
            } else {
                budgetCost = budgetCost.add(budget);
            }
        }
        // Regionersättning: the allocation that balances the unit's budget, paid in twelfths, the
        // same in every scenario (it is decided, not earned).
        BigDecimal allocation = budgetCost.subtract(budgetRevenue).multiply(BigDecimal.valueOf(profile.allocationShare()))
                .setScale(2, RoundingMode.HALF_EVEN);
        rows.add(new Row(month, unit, "3210", profile.activity(), "REGION", scenario, allocation.negate()));
        return rows;
    }

    /**
     * The purchased-care row split by provider: the digital care invoices booked on their counterparts
     * ({@link DigitalCare}), the rest of the amount without one. The amounts add up to the row's.
     */
    private List<Row> withDigitalCare(Row row, double size) {
        List<Row> rows = new ArrayList<>();
        BigDecimal rest = row.amount();
        for (DigitalCare.Provider provider : DigitalCare.PROVIDERS) {
            SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "digital",
                    provider.counterpart(), row.month().toString()));
            BigDecimal cost = BigDecimal.valueOf(DigitalCare.expectedCost(provider, row.month(), size)
                    * (1.0 + (random.nextDouble() * 2 - 1) * 0.08)).setScale(2, RoundingMode.HALF_EVEN);
            rows.add(new Row(row.month(), row.costCenter(), row.account(), row.activity(), provider.counterpart(),
                    row.scenario(), cost));
            rest = rest.subtract(cost);
        }
        if (rest.signum() < 0) {
            throw new IllegalStateException("digital care costs exceed purchased care of " + row.costCenter() + " in "
                    + row.month());
        }
        rows.add(0, row.withAmount(rest));
        return rows;
    }

    /**
     * The sub-accounts a line is booked on: the line's own account in the demo; in M and L two to
     * seven neighbours in the same account range (4010, 4011, …: the range decides the income
     * statement line and flags), with a cost centre's own mix, the first the largest.
     */
    private List<SubAccount> subAccounts(CostCentre centre, UnitProfile.Line line) {
        if (region.scale() == Scale.S) {
            return List.of(new SubAccount(line.account(), 1.0));
        }
        SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "sub-accounts", centre.id(),
                line.account()));
        int count = 2 + random.nextInt(6);
        double[] weights = new double[count];
        double sum = 0;
        for (int j = 0; j < count; j++) {
            weights[j] = (0.3 + random.nextDouble()) / (1 + j * 0.3);
            sum += weights[j];
        }
        int base = Integer.parseInt(line.account());
        List<SubAccount> subs = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            // Accounts end in 0 and every range holds whole tens: base + 0…9 stays in the range.
            subs.add(new SubAccount(String.valueOf(base + j), weights[j] / sum));
        }
        return subs;
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

    /**
     * Writes rows in the style; {@code badRowMonth} non-null appends one mistyped amount for that month;
     * {@code forecastMade} non-null adds the forecast_made column (prognosmånad, YYYYMM) to every row.
     *
     * @return the data rows written
     */
    private long write(Path file, ExtractStyle style, List<Row> records, YearMonth badRowMonth, String forecastMade) {
        try (ExtractOutput out = ExtractOutput.open(file, style.charset, style.bom)) {
            out.append(style.header());
            if (forecastMade != null) {
                out.append(style.delimiter).append(style.swedishHeader ? "Prognosmånad" : "forecast_made");
            }
            out.endLine(style.newline);
            YearMonth periodOf = null;
            String period = null;
            for (Row r : records) {
                if (!r.month().equals(periodOf)) {
                    periodOf = r.month();
                    period = style.period(periodOf.getYear(), periodOf.getMonthValue());
                }
                out.append(period).append(style.delimiter).append(r.costCenter()).append(style.delimiter)
                        .append(r.account()).append(style.delimiter).append(r.activity()).append(style.delimiter)
                        .append(r.counterpart()).append(style.delimiter).append(style.scenario(r.scenario()))
                        .append(style.delimiter).append(style.amount(r.amount()));
                if (forecastMade != null) {
                    out.append(style.delimiter).append(forecastMade);
                }
                out.endRow(style.newline);
            }
            if (badRowMonth != null) {
                // A hand-edited export, once in a while: the amount is mistyped. Quarantined, not loaded.
                String d = style.delimiter;
                out.append(style.period(badRowMonth.getYear(), badRowMonth.getMonthValue())).append(d)
                        .append(region.first("1010")).append(d).append("4010").append(d).append("SOMATIK").append(d)
                        .append(d).append(style.scenario("ACTUAL")).append(d).append("12 34,5").endRow(style.newline);
            }
            if (style == ExtractStyle.SWEDISH_WINDOWS_1252) {
                // Excel leaves empty rows at the end of a sheet: skipped, not errors.
                out.append(";;;;;;").endLine(style.newline);
                out.append(";;;;;;").endLine(style.newline);
            }
            return out.rows();
        }
    }

    /** Gathers what was written, per source folder, and tells the caller file by file. */
    private static Path writeShippedReference(Path referenceDir, String name) {
        Path file = referenceDir.resolve(name);
        try {
            Files.createDirectories(referenceDir);
            Files.write(file, ReferenceData.shippedDefault(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static final class Tally {
        private final Consumer<Path> onFileWritten;
        private final List<Path> files = new ArrayList<>();
        private final Map<String, long[]> sources = new LinkedHashMap<>();

        Tally(Consumer<Path> onFileWritten) {
            this.onFileWritten = requireNonNull(onFileWritten, "onFileWritten");
        }

        void written(Path file, long rows) {
            long bytes;
            try {
                bytes = Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + file, e);
            }
            long[] counts = sources.computeIfAbsent(file.getParent().getFileName().toString(), s -> new long[3]);
            counts[0]++;
            counts[1] += rows;
            counts[2] += bytes;
            files.add(file);
            onFileWritten.accept(file);
        }

        Summary summary() {
            List<SourceSummary> summaries = new ArrayList<>();
            sources.forEach((source, c) -> summaries.add(new SourceSummary(source, (int) c[0], c[1], c[2])));
            return new Summary(files, summaries);
        }
    }
}
