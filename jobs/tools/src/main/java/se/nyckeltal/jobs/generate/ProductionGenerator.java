package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import se.nyckeltal.schemas.contract.Provider;
import se.nyckeltal.schemas.reference.ReferenceData;

/**
 * Writes the demo region's production extracts (vårdproduktion) beside the ledger: one file per month
 * from the patient-administration system, a budget file per year and the current year's forecast. Deterministic: the
 * same settings give byte-identical files.
 *
 * <p>What it looks like: visits at the clinics and vårdcentraler, inpatient care and beds at the
 * somatic clinics, bed days in psychiatry, operations and knife time at the surgical units, private
 * vårdcentraler and private providers under agreement on Vårduppdrag (and private eye specialists on
 * the eye clinic). Volumes dip in the summer, remote visits grow year by year, vaccinations peak in the
 * autumn. DRG points arrive a month late: each month's file re-delivers the previous month whole, now
 * with its DRG points (a restatement that replaces the preliminary delivery), so the latest month has
 * none yet. Files use the export quirks of {@link ExtractStyle}; in the demo (scale S) the
 * tab-separated March files have daily {@code date} rows, in M and L every monthly file has (a
 * patient-administration system delivers per day). A cost centre of M or L reports its template
 * unit's contact types, its volumes scaled by its {@link CostCentre#volumeFactor()}.
 */
final class ProductionGenerator {
    /** The month whose file carries one negative volume, to show quarantine in the demo. */
    static final YearMonth MONTH_WITH_BAD_ROW = YearMonth.of(2025, 6);
    /** The month in which Rehabiliteringsmedicin reports group visits, a contact type the reference lacks. */
    static final YearMonth MONTH_WITH_UNKNOWN_CONTACT_TYPE = YearMonth.of(2026, 3);
    static final String UNKNOWN_CONTACT_TYPE = "GROUP_VISIT";
    /** The month of each year whose file has daily rows (when its export style has dates). */
    private static final int DAILY_MONTH = 3;

    private static final String DRG = "DRG_POINTS";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    /** Contact types a region budgets and forecasts (not vaccinations, knife time, beds or DRG points). */
    private static final Set<String> PLANNED = Set.of("DOCTOR_VISIT", "DOCTOR_VISIT_REMOTE", "OTHER_VISIT",
            "OTHER_VISIT_REMOTE", "DAY_CARE", "DISCHARGE_SOMATIC", "BED_DAYS_SOMATIC", "BED_DAYS_PSYCHIATRIC",
            "OPERATION_INPATIENT", "OPERATION_DAY_SURGERY", "OPERATION_CLINIC");

    private final GeneratorSettings settings;
    private final RegionShape region;

    ProductionGenerator(GeneratorSettings settings, ReferenceData reference) {
        this(settings, RegionShape.of(reference, settings.scale(), settings.seed()));
    }

    ProductionGenerator(GeneratorSettings settings, RegionShape region) {
        this.settings = requireNonNull(settings, "settings");
        this.region = requireNonNull(region, "region");
    }

    static String monthlyFileName(YearMonth month) {
        return "produktion-" + month + ".csv";
    }

    /** How a volume moves over the year. */
    private enum Season { VISITS, REMOTE, VACCINATION, INPATIENT, BEDS, SURGERY }

    /** One volume a unit reports every month: its 2024 monthly level. */
    private record Stream(String unit, Provider provider, String contactType, double monthly, Season season,
            String counterpart) {}

    /** One row before formatting; day null for a monthly row. */
    private record Row(YearMonth month, LocalDate day, String unit, Provider provider, String contactType,
            String scenario, BigDecimal volume, String counterpart) {}

    /** Writes the files under {@code landing/production/}; returns them in the order written. */
    List<Path> generate(Path landing, Consumer<Path> onFileWritten) {
        return generate(landing, (file, rows) -> onFileWritten.accept(file));
    }

    /** Writes the files under {@code landing/production/}, telling {@code onFileWritten} each file's data rows. */
    List<Path> generate(Path landing, ObjLongConsumer<Path> onFileWritten) {
        List<Stream> streams = streams();
        List<Path> files = new ArrayList<>();
        int index = 0;
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            ExtractStyle style = ExtractStyle.values()[index++ % ExtractStyle.values().length];
            // The demo has daily rows once a year (March), in a tab-separated file; its other
            // tab-separated files have monthly rows dated the month's last day.
            boolean daily = region.scale() != Scale.S
                    || style.periodStyle == ExtractStyle.PeriodStyle.DATE && month.getMonthValue() == DAILY_MONTH;
            List<Row> rows = new ArrayList<>();
            if (!month.equals(settings.firstMonth())) {
                rows.addAll(actuals(streams, month.minusMonths(1), true, daily)); // last month, complete with DRG
            }
            rows.addAll(actuals(streams, month, false, daily)); // this month, DRG points still to come
            if (month.equals(MONTH_WITH_BAD_ROW)) {
                // A hand-corrected export: a negative count. Quarantined, not loaded.
                rows.add(new Row(month, null, region.first("1050"), Provider.OWN, "DOCTOR_VISIT", "ACTUAL",
                        new BigDecimal("-12"), null));
            }
            files.add(write(landing.resolve("production").resolve(monthlyFileName(month)), style, rows, onFileWritten));
        }
        for (int year = settings.firstMonth().getYear(); year <= settings.lastMonth().getYear(); year++) {
            files.add(write(landing.resolve("production").resolve("produktion-budget-" + year + ".csv"),
                    ExtractStyle.SWEDISH_WINDOWS_1252, plan(streams, year, "BUDGET"), onFileWritten));
        }
        // Helårsprognos: made during the year, for the current year only.
        int year = settings.lastMonth().getYear();
        files.add(write(landing.resolve("production").resolve("produktion-prognos-" + year + ".csv"),
                ExtractStyle.CANONICAL_UTF8, plan(streams, year, "FORECAST"), onFileWritten));
        return files;
    }

    /** Who reports what: each cost centre what its template unit reports (a unit unknown here reports nothing). */
    private List<Stream> streams() {
        List<Stream> streams = new ArrayList<>();
        for (CostCentre centre : region.costCentres()) {
            streams.addAll(streamsOf(centre));
        }
        return streams;
    }

    private static List<Stream> streamsOf(CostCentre centre) {
        Streams s = new Streams(centre.id(), centre.volumeFactor());
        switch (centre.template()) {
            case "1010" -> s.visits(Provider.OWN, 2600, 0, 1800, 0);
            case "1030" -> {
                s.visits(Provider.OWN, 150, 0, 0, 0);
                s.inpatient(60, 180, 8);
            }
            case "1040" -> {
                s.add(Provider.OWN, "OPERATION_INPATIENT", 380, Season.SURGERY);
                s.add(Provider.OWN, "OPERATION_DAY_SURGERY", 330, Season.SURGERY);
                s.add(Provider.OWN, "KNIFE_TIME_HOURS", 1150, Season.SURGERY);
            }
            case "1050" -> {
                s.visits(Provider.OWN, 1500, 260, 1300, 220);
                s.inpatient(420, 1900, 66);
                s.add(Provider.OWN, "OPERATION_CLINIC", 260, Season.SURGERY);
                s.add(Provider.OWN, "DAY_CARE", 180, Season.VISITS);
            }
            case "1060" -> {
                s.visits(Provider.OWN, 1300, 180, 1100, 150);
                s.inpatient(300, 1500, 52);
                s.add(Provider.OWN, "OPERATION_CLINIC", 180, Season.SURGERY);
            }
            case "1070" -> {
                s.visits(Provider.OWN, 2200, 480, 2600, 520);
                s.inpatient(780, 4100, 140);
                s.add(Provider.OWN, "DAY_CARE", 820, Season.VISITS);
            }
            case "1080" -> {
                s.visits(Provider.OWN, 1100, 300, 1300, 280);
                s.inpatient(260, 1100, 38);
                s.add(Provider.OWN, "DAY_CARE", 240, Season.VISITS);
                s.add(Provider.OWN, "OPERATION_CLINIC", 90, Season.SURGERY);
            }
            case "1090" -> {
                s.visits(Provider.OWN, 1400, 220, 2100, 300);
                s.inpatient(380, 1000, 34);
                s.add(Provider.OWN, "OPERATION_CLINIC", 140, Season.SURGERY);
            }
            case "1100" -> {
                s.visits(Provider.OWN, 1200, 260, 1600, 260);
                s.inpatient(210, 650, 24);
                s.add(Provider.OWN, "VACCINATION", 120, Season.VACCINATION);
                s.add(Provider.OWN, "DAY_CARE", 200, Season.VISITS);
            }
            case "2010", "2020", "2030", "2040", "2050" -> {
                // Region-run vårdcentraler: reported in the primary-care table, not in own production.
                double size = 0.8 + (centre.templateCode() % 100) / 100.0;
                s.visits(Provider.REGION_PRIMARY_CARE, 1400 * size, 400 * size, 3000 * size, 650 * size);
                s.add(Provider.REGION_PRIMARY_CARE, "VACCINATION", 250 * size, Season.VACCINATION);
            }
            case "2060" -> {
                s.visits(Provider.OWN, 250, 0, 1600, 250);
                s.add(Provider.OWN, "DAY_CARE", 300, Season.VISITS);
            }
            case "2070" -> {
                s.visits(Provider.OWN, 300, 0, 500, 0);
                s.inpatient(140, 1300, 44);
            }
            case "2080" -> {
                s.visits(Provider.OWN, 900, 350, 2600, 900);
                s.add(Provider.OWN, "BED_DAYS_PSYCHIATRIC", 1500, Season.INPATIENT);
            }
            case "2090" -> s.visits(Provider.OWN, 400, 200, 1800, 700);
            case "2100" -> {
                s.visits(Provider.OWN, 300, 0, 900, 250);
                s.add(Provider.OWN, "BED_DAYS_PSYCHIATRIC", 420, Season.INPATIENT);
            }
            case "2120" -> {
                s.visits(Provider.OWN, 1200, 0, 900, 0);
                s.add(Provider.OWN, "OPERATION_DAY_SURGERY", 260, Season.SURGERY);
                s.add(Provider.OWN, "OPERATION_CLINIC", 120, Season.SURGERY);
                // Private eye specialists under agreement, followed up by the eye clinic.
                s.add(Provider.PRIVATE_PROVIDER, "DOCTOR_VISIT", 600, Season.VISITS);
            }
            case "6020" -> {
                // Vårduppdrag: the vårdval's private vårdcentraler and the private providers under agreement.
                s.visits(Provider.PRIVATE_PRIMARY_CARE, 7000, 2000, 14000, 1500);
                s.add(Provider.PRIVATE_PRIMARY_CARE, "VACCINATION", 1200, Season.VACCINATION);
                s.visits(Provider.PRIVATE_PROVIDER, 2500, 15, 4000, 5);
                // Digital care providers, by their counterpart id (the ledger books their invoices on it).
                for (DigitalCare.Provider provider : DigitalCare.PROVIDERS) {
                    s.digital(provider.counterpart(), provider.contactType(),
                            provider.monthlyCost() / provider.pricePerContact());
                }
            }
            default -> { } // ambulance, diagnostics and staff units report no production here
        }
        return s.streams;
    }

    /** One cost centre's streams, at its share of its template unit's volumes. */
    private static final class Streams {
        private final String unit;
        private final double factor;
        private final List<Stream> streams = new ArrayList<>();

        Streams(String unit, double factor) {
            this.unit = unit;
            this.factor = factor;
        }

        void add(Provider provider, String contactType, double monthly, Season season) {
            streams.add(new Stream(unit, provider, contactType, monthly * factor, season, null));
        }

        void digital(String counterpart, String contactType, double monthly) {
            streams.add(new Stream(unit, Provider.PRIVATE_PROVIDER, contactType, monthly * factor, Season.REMOTE,
                    counterpart));
        }

        void visits(Provider provider, double doctor, double doctorRemote, double other, double otherRemote) {
            addSome(provider, "DOCTOR_VISIT", doctor, Season.VISITS);
            addSome(provider, "DOCTOR_VISIT_REMOTE", doctorRemote, Season.REMOTE);
            addSome(provider, "OTHER_VISIT", other, Season.VISITS);
            addSome(provider, "OTHER_VISIT_REMOTE", otherRemote, Season.REMOTE);
        }

        /** Somatic inpatient care: discharges, bed days, beds at 06:00 and available beds (summed over days). */
        void inpatient(double discharges, double bedDays, double beds) {
            add(Provider.OWN, "DISCHARGE_SOMATIC", discharges, Season.INPATIENT);
            add(Provider.OWN, "BED_DAYS_SOMATIC", bedDays, Season.INPATIENT);
            add(Provider.OWN, "AVAILABLE_BEDS", beds, Season.BEDS);
            add(Provider.OWN, "OCCUPIED_BEDS_0600", beds, Season.BEDS);
        }

        private void addSome(Provider provider, String contactType, double monthly, Season season) {
            if (monthly > 0) {
                add(provider, contactType, monthly, season);
            }
        }
    }

    /**
     * A month's ACTUAL rows; when the month is complete, also the DRG points of each somatic inpatient
     * unit (one row per unit, the month's last day in a daily file).
     */
    private List<Row> actuals(List<Stream> streams, YearMonth month, boolean withDrg, boolean daily) {
        List<Row> rows = new ArrayList<>();
        Map<String, Double> drg = new LinkedHashMap<>();
        for (Stream stream : streams) {
            BigDecimal volume = actual(stream, month);
            if (stream.contactType().equals("DISCHARGE_SOMATIC")) {
                drg.put(stream.unit(), 0.0);
            }
            rows.addAll(daily ? days(stream, month, volume) : List.of(
                    new Row(month, null, stream.unit(), stream.provider(), stream.contactType(), "ACTUAL", volume,
                            stream.counterpart())));
        }
        if (withDrg) {
            for (Stream stream : streams) {
                if (drg.containsKey(stream.unit()) && stream.provider() == Provider.OWN) {
                    drg.merge(stream.unit(), drgWeight(stream.contactType()) * actual(stream, month).doubleValue(),
                            Double::sum);
                }
            }
            drg.forEach((unit, points) -> rows.add(new Row(month, daily ? month.atEndOfMonth() : null, unit,
                    Provider.OWN, DRG, "ACTUAL", BigDecimal.valueOf(points).setScale(3, RoundingMode.HALF_EVEN), null)));
        }
        if (month.equals(MONTH_WITH_UNKNOWN_CONTACT_TYPE)) {
            rows.add(new Row(month, daily ? month.atDay(15) : null, region.first("2060"), Provider.OWN, UNKNOWN_CONTACT_TYPE,
                    "ACTUAL", new BigDecimal("45"), null));
        }
        return rows;
    }

    /** DRG points a unit's care earns: inpatient episodes and surgery weigh most. */
    private static double drgWeight(String contactType) {
        return switch (contactType) {
            case "DISCHARGE_SOMATIC" -> 1.15;
            case "OPERATION_CLINIC" -> 0.35;
            case "DAY_CARE" -> 0.3;
            case "DOCTOR_VISIT" -> 0.12;
            default -> 0;
        };
    }

    private BigDecimal actual(Stream stream, YearMonth month) {
        double years = month.getYear() - 2024 + (month.getMonthValue() - 1) / 12.0;
        double growth = stream.season() == Season.REMOTE ? Math.pow(1.07, years) : Math.pow(1.012, years);
        double value = stream.monthly() * growth * seasonal(stream, month) * noise(stream, month);
        if (stream.contactType().equals("OCCUPIED_BEDS_0600")) {
            // occupied beds at 06:00: 98 % of the beds in winter, 90 % in the summer
            value = value * occupancy(month);
        }
        return BigDecimal.valueOf(Math.max(0, Math.round(value)));
    }

    /** Budget: the 2024 level grown by the planned 2 % a year, seasonal, no noise. Forecast: the expected level. */
    private List<Row> plan(List<Stream> streams, int year, String scenario) {
        List<Row> rows = new ArrayList<>();
        for (Stream stream : streams) {
            // Every provider's volumes are budgeted (the KPIs count them all); the forecast is own production's.
            boolean planned = PLANNED.contains(stream.contactType());
            if (!planned || (scenario.equals("FORECAST") && stream.provider() != Provider.OWN)) {
                continue;
            }
            for (int m = 1; m <= 12; m++) {
                YearMonth month = YearMonth.of(year, m);
                double growth = scenario.equals("BUDGET")
                        ? Math.pow(stream.season() == Season.REMOTE ? 1.05 : 1.02, year - 2024)
                        : Math.pow(stream.season() == Season.REMOTE ? 1.07 : 1.012, year - 2024 + (m - 1) / 12.0);
                double value = stream.monthly() * growth * seasonal(stream, month);
                rows.add(new Row(month, null, stream.unit(), stream.provider(), stream.contactType(), scenario,
                        BigDecimal.valueOf(Math.round(value)), stream.counterpart()));
            }
        }
        return rows;
    }

    /** The month's share of a normal month: summer dip, Christmas, vaccination season, summer bed closures. */
    private static double seasonal(Stream stream, YearMonth month) {
        int m = month.getMonthValue();
        double days = month.lengthOfMonth() / 30.4;
        return switch (stream.season()) {
            case VISITS, REMOTE -> switch (m) {
                case 6 -> 0.88;
                case 7 -> 0.6;
                case 8 -> 0.82;
                case 12 -> 0.86;
                case 1 -> 1.04;
                default -> 1.0;
            };
            case VACCINATION -> switch (m) {
                case 10 -> 3.2;
                case 11 -> 2.4;
                case 12, 1 -> 1.0;
                default -> 0.35;
            };
            case INPATIENT -> switch (m) {
                case 7 -> 0.8;
                case 6, 8 -> 0.9;
                case 1, 2, 3 -> 1.06;
                default -> 1.0;
            } * days;
            case SURGERY -> switch (m) {
                case 7 -> 0.45;
                case 6, 8 -> 0.8;
                case 12 -> 0.85;
                default -> 1.0;
            };
            // beds × days in the month; some beds close in the summer
            case BEDS -> month.lengthOfMonth() * switch (m) {
                case 7 -> 0.75;
                case 6, 8 -> 0.88;
                default -> 1.0;
            };
        };
    }

    private static double occupancy(YearMonth month) {
        return switch (month.getMonthValue()) {
            case 1, 2, 3, 12 -> 0.98;
            case 6, 7, 8 -> 0.9;
            default -> 0.95;
        };
    }

    private double noise(Stream stream, YearMonth month) {
        if (stream.season() == Season.BEDS && stream.contactType().equals("AVAILABLE_BEDS")) {
            return 1.0; // the bed count is decided, not measured
        }
        // name(), not the enum itself: an enum's hashCode is its identity, different in every JVM.
        SplittableRandom random = new SplittableRandom(stream.counterpart() == null
                ? Objects.hash(settings.seed(), stream.unit(), stream.provider().name(), stream.contactType(),
                        month.toString())
                : Objects.hash(settings.seed(), stream.unit(), stream.counterpart(), stream.contactType(),
                        month.toString()));
        return 1.0 + (random.nextDouble() * 2 - 1) * 0.05;
    }

    /**
     * A month's volume as daily rows that sum to it exactly: visits and operations on weekdays (a fifth
     * as much at weekends), care and beds every day. Days without anything are left out.
     */
    private static List<Row> days(Stream stream, YearMonth month, BigDecimal volume) {
        boolean everyDay = stream.season() == Season.INPATIENT || stream.season() == Season.BEDS;
        int length = month.lengthOfMonth();
        double[] weights = new double[length];
        double sum = 0;
        for (int d = 0; d < length; d++) {
            DayOfWeek day = month.atDay(d + 1).getDayOfWeek();
            weights[d] = everyDay || (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) ? 1.0 : 0.2;
            sum += weights[d];
        }
        long total = volume.longValueExact();
        long given = 0;
        double carried = 0;
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < length; d++) {
            carried += total * weights[d] / sum;
            long today = d == length - 1 ? total - given : Math.round(carried) - given;
            given += today;
            if (today > 0) {
                rows.add(new Row(month, month.atDay(d + 1), stream.unit(), stream.provider(), stream.contactType(),
                        "ACTUAL", BigDecimal.valueOf(today), stream.counterpart()));
            }
        }
        return rows;
    }

    private static Path write(Path file, ExtractStyle style, List<Row> rows, ObjLongConsumer<Path> onFileWritten) {
        boolean daily = rows.stream().anyMatch(r -> r.day() != null);
        String d = style.delimiter;
        long written;
        try (ExtractOutput out = ExtractOutput.open(file, style.charset, style.bom)) {
            out.append(String.join(d, style.swedishHeader
                    ? List.of(daily ? "Datum" : "Månad", "Enhet", "Vårdgivartyp", "Kontakttyp", "Antal", "Typ", "Motpart")
                    : List.of(daily ? "date" : "period", "unit", "provider", "contact_type", "volume", "scenario",
                            "counterpart")))
                    .endLine(style.newline);
            YearMonth periodOf = null;
            String period = null;
            for (Row r : rows) {
                if (!r.month().equals(periodOf)) {
                    periodOf = r.month();
                    period = style.periodStyle == ExtractStyle.PeriodStyle.DATE
                            ? periodOf.atEndOfMonth().toString()
                            : style.period(periodOf.getYear(), periodOf.getMonthValue());
                }
                out.append(r.day() != null ? r.day().toString() : period).append(d).append(r.unit()).append(d)
                        .append(provider(style, r.provider())).append(d).append(r.contactType()).append(d)
                        .append(volume(style, r.volume())).append(d).append(style.scenario(r.scenario())).append(d)
                        .append(r.counterpart() == null ? "" : r.counterpart())
                        .endRow(style.newline);
            }
            written = out.rows();
        }
        onFileWritten.accept(file, written);
        return file;
    }

    /** Swedish exports name the provider type in words; the canonical export uses the code. */
    private static String provider(ExtractStyle style, Provider provider) {
        if (!style.swedishHeader) {
            return provider.name();
        }
        return switch (provider) {
            case OWN -> "Egen";
            case REGION_PRIMARY_CARE -> "Regiondriven";
            case PRIVATE_PRIMARY_CARE -> "Privat vårdcentral";
            case PRIVATE_PROVIDER -> "Privat vårdgivare";
        };
    }

    /** A volume as the export writes it: grouped thousands, decimal comma, its own minus, quoted in CSV-with-commas. */
    private static String volume(ExtractStyle style, BigDecimal value) {
        if (value.scale() == 0 && value.signum() >= 0 && !style.quoteAmounts && value.compareTo(THOUSAND) < 0) {
            return value.toString(); // most daily counts: no grouping, no sign, no quotes
        }
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        String digits = v.abs().toPlainString();
        int dot = digits.indexOf('.');
        String integer = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                grouped.append(style.thousands);
            }
            grouped.append(integer.charAt(i));
        }
        String text = (v.signum() < 0 ? String.valueOf(style.minus) : "") + grouped
                + (dot < 0 ? "" : "," + digits.substring(dot + 1));
        return style.quoteAmounts ? "\"" + text + "\"" : text;
    }
}
