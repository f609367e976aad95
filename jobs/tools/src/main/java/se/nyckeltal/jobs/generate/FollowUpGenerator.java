package se.nyckeltal.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ObjLongConsumer;

/**
 * Writes the rest of the månadsrapport's data beside the three extracts (SPEC §3): indicator
 * measurements from other systems ({@code indicators/indikatorer-YYYY-MM.csv}), the action plan
 * ({@code actions/atgarder-YYYY-MM.csv}) and the controllers' comments on the latest month
 * ({@code comments/kommentarer-YYYY-MM.csv}, Windows-1252, a text across lines). Deterministic: the same
 * settings give byte-identical files.
 *
 * <p>Indicators follow the seed report's levels: vårdcentraler answer the phone the same day about
 * nine times in ten and assess within three days four in five; specialist clinics see about four in
 * five within 90 days; BUP's waiting list is long; the medical and surgical wards readmit about one in
 * six patients over 65 and have about one outlying patient per 100 beds; 1177's mean waiting time is
 * around ten minutes. The action plan has the seed's kinds of actions, within the budget and beyond it,
 * realised month by month with a setback now and then.
 */
final class FollowUpGenerator {
    private final GeneratorSettings settings;
    private final RegionShape region;

    FollowUpGenerator(GeneratorSettings settings, RegionShape region) {
        this.settings = requireNonNull(settings, "settings");
        this.region = requireNonNull(region, "region");
    }

    /** @param written told each file and its data rows */
    void generate(Path landing, ObjLongConsumer<Path> written) {
        for (YearMonth month = settings.firstMonth(); !month.isAfter(settings.lastMonth()); month = month.plusMonths(1)) {
            Path indicators = landing.resolve("indicators").resolve("indikatorer-" + month + ".csv");
            written.accept(indicators, writeIndicators(indicators, month));
            Path actions = landing.resolve("actions").resolve("atgarder-" + month + ".csv");
            written.accept(actions, writeActions(actions, month));
        }
        YearMonth last = settings.lastMonth();
        Path comments = landing.resolve("comments").resolve("kommentarer-" + last + ".csv");
        written.accept(comments, writeComments(comments, last));
    }

    // --- indicators -----------------------------------------------------------------------------

    /**
     * One indicator of one kind of unit: denominator per month at a template unit's size, the share (or
     * mean) it reaches, and how that moves from year to year.
     */
    private record Measure(String indicator, double denominator, double rate, double yearlyChange) {}

    private static List<Measure> measures(CostCentre centre) {
        int code = centre.templateCode();
        List<Measure> measures = new ArrayList<>();
        if (code >= 2010 && code <= 2050) {
            measures.add(new Measure("PC_PHONE_SAME_DAY", 2400, 0.895, -0.005));
            measures.add(new Measure("PC_ASSESSMENT_3D", 900, 0.79, 0.006));
            measures.add(new Measure("DIGITAL_VISIT_SHARE", 3100, 0.013, 0.0015));
        }
        if (code == 1050 || code == 1060 || code == 1070 || code == 1080 || code == 1090 || code == 1100
                || code == 2060 || code == 2120) {
            measures.add(new Measure("SPECIALIST_VISIT_90D", 1300, 0.81, -0.01));
            measures.add(new Measure("DIGITAL_VISIT_SHARE", 2000, 0.008, 0.001));
        }
        if (code == 1050 || code == 1060 || code == 1090 || code == 2120) {
            measures.add(new Measure("SPECIALIST_TREATMENT_90D", 420, 0.67, 0.03));
        }
        if (code == 1050 || code == 1060 || code == 1070 || code == 1080 || code == 2070) {
            measures.add(new Measure("READMISSION_30D_65PLUS", 260, 0.163, 0.004));
            // outlying patients counted at 06:00 every day, per available bed-day (× 100)
            measures.add(new Measure("OUTLYING_PATIENTS_PER_100_BEDS", 1100, 0.011, 0.0012));
        }
        if (code == 2080 || code == 2100) {
            measures.add(new Measure("DIGITAL_VISIT_SHARE", 1500, 0.04, 0.006));
        }
        if (code == 2090) {
            measures.add(new Measure("BUP_VISIT_30D", 160, 0.55, -0.09));
            measures.add(new Measure("BUP_ASSESSMENT_30D", 60, 0.165, -0.01));
            measures.add(new Measure("BUP_TREATMENT_30D", 90, 0.486, -0.055));
        }
        if (code == 6020) {
            // 1177 on the phone, run for the region: minutes waited over calls answered
            measures.add(new Measure("WAIT_1177_MINUTES", 21000, 17.8, -3.7));
        }
        return measures;
    }

    private long writeIndicators(Path file, YearMonth month) {
        try (ExtractOutput out = ExtractOutput.open(file, StandardCharsets.UTF_8, false)) {
            out.append("period;unit;indicator;numerator;denominator").endLine("\n");
            String period = month.toString().replace("-", "");
            for (CostCentre centre : region.costCentres()) {
                for (Measure m : measures(centre)) {
                    SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "indicator",
                            centre.id(), m.indicator(), month.toString()));
                    double seasonal = month.getMonthValue() == 7 ? 0.7 : 1.0;
                    long denominator = Math.max(1, Math.round(m.denominator() * centre.volumeFactor() * seasonal
                            * (0.9 + random.nextDouble() * 0.2)));
                    double years = month.getYear() - 2024 + (month.getMonthValue() - 1) / 12.0;
                    double rate = (m.rate() + m.yearlyChange() * years) * (0.96 + random.nextDouble() * 0.08);
                    String numerator;
                    if (m.indicator().equals("WAIT_1177_MINUTES")) {
                        numerator = BigDecimal.valueOf(Math.max(1.0, rate) * denominator).setScale(1, RoundingMode.HALF_EVEN)
                                .toPlainString().replace('.', ',');
                    } else {
                        numerator = String.valueOf(Math.min(denominator, Math.round(Math.max(0, rate) * denominator)));
                    }
                    out.append(period).append(";").append(centre.id()).append(";").append(m.indicator()).append(";")
                            .append(numerator).append(";").append(String.valueOf(denominator)).endRow("\n");
                }
            }
            return out.rows();
        }
    }

    // --- action plans ---------------------------------------------------------------------------

    /**
     * One action of the plan (Ekonomisk effekthemtagning): planned annual effect in mnkr at the seed
     * region's size, the share of it realised over a year, and the org it belongs to.
     */
    private record Action(String id, String name, String org, String responsible, String category, double plannedMnkr,
            double realisedShare, String comment) {}

    private static final List<Action> ACTIONS = List.of(
            new Action("ARSARB", "100 färre årsarbetare (timmar)", "TOTAL", "OC", "BUDGET", 50, 0.35,
                    "Fler årsarbetare än föregående år"),
            new Action("AVTAL", "Avtalstrohet", "TOTAL", "EC", "BUDGET", 10, 0.4, "Spend-analys i samarbete med Inköp"),
            new Action("UPPHANDL", "Restriktivitet vid upphandling", "TOTAL", "HSD", "BUDGET", 2, 0.9,
                    "Lägre upphandlingsbelopp kiropraktik och naprapat"),
            new Action("PRODUKT", "Verksamhetsmässiga förändringar, ökad produktivitet", "DIAG", "OC", "BUDGET", 2, 0.8,
                    "Radiologi"),
            new Action("ARBSATT", "Förnyade arbetssätt", "NARA", "OC", "BUDGET", 1.3, 0.85,
                    "Bibehållen produktion exklusive statsbidrag"),
            new Action("HYR", "Oberoende hyr", "TOTAL", "OC", "BUDGET", 200, 0.45,
                    "Lägre kostnad än föregående år, men högre än budgeterat"),
            new Action("REPR", "Representation", "TOTAL", "OC", "BEYOND_BUDGET", 0.6, 1.1, "Bättre effekt än uppskattat"),
            new Action("RESOR", "Resor/boende", "TOTAL", "OC", "BEYOND_BUDGET", 1.1, 1.05, "Bättre effekt än uppskattat"),
            new Action("UTB", "Utbildning", "TOTAL", "OC", "BEYOND_BUDGET", 1.0, 1.3, "I nivå med föregående år"),
            new Action("KONSULT", "Konsulter", "TOTAL", "OC", "BEYOND_BUDGET", 1.0, 0.9, "Bättre effekt än uppskattat"),
            new Action("VP-AKUT", "Aktiviteter i verksamhetsplaner", "AKUT", "OC", "BEYOND_BUDGET", 12, 0.75,
                    "Alla aktiviteter ej påbörjade"),
            new Action("VP-NARA", "Aktiviteter i verksamhetsplaner", "NARA", "OC", "BEYOND_BUDGET", 10, 0.8,
                    "Alla aktiviteter ej påbörjade"),
            new Action("VP-DIAG", "Aktiviteter i verksamhetsplaner", "DIAG", "OC", "BEYOND_BUDGET", 8, 0.7,
                    "Alla aktiviteter ej påbörjade"));

    /** The seed region has about 5 100 årsarbetare, the demo about 2 000: its plan is scaled to match. */
    private double regionShare() {
        return 0.4 * region.scale().sizeFactor();
    }

    private long writeActions(Path file, YearMonth month) {
        try (ExtractOutput out = ExtractOutput.open(file, StandardCharsets.UTF_8, false)) {
            out.append("period;action_id;action;org_id;responsible;timeline;category;planned_annual_effect;"
                    + "realised_effect;comment").endLine("\n");
            String period = month.toString().replace("-", "");
            for (Action a : ACTIONS) {
                SplittableRandom random = new SplittableRandom(Objects.hash(settings.seed(), "action", a.id(),
                        month.toString()));
                double planned = a.plannedMnkr() * 1_000_000 * regionShare();
                // The estimate is revised once, at the tertial report.
                if (month.getMonthValue() >= 5) {
                    planned *= 1 + (new SplittableRandom(Objects.hash(settings.seed(), "revision", a.id(),
                            month.getYear())).nextDouble() - 0.5) * 0.2;
                }
                double realised = planned * a.realisedShare() / 12 * (0.4 + random.nextDouble() * 1.2);
                // About one setback a year for an action that falls short of its plan: a month that costs more
                // than before the action (new agency staff hired, a contract lapsed).
                if (new SplittableRandom(Objects.hash(settings.seed(), "setback", a.id(), month.getYear())).nextInt(12)
                        == month.getMonthValue() - 1 && a.realisedShare() < 1.0) {
                    realised = -realised * 0.5; // a setback: the month costs more than before the action
                }
                out.append(period).append(";").append(a.id()).append(";").append(a.name()).append(";")
                        .append(a.org()).append(";").append(a.responsible()).append(";")
                        .append(String.valueOf(month.getYear())).append(";").append(a.category()).append(";")
                        .append(kronor(planned)).append(";").append(kronor(realised)).append(";")
                        .append(month.getMonthValue() % 3 == 0 ? a.comment() : "").endRow("\n");
            }
            return out.rows();
        }
    }

    private static String kronor(double amount) {
        return BigDecimal.valueOf(amount).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }

    // --- comments -------------------------------------------------------------------------------

    private static final Map<String, String> AREA_SUMMARIES = Map.of(
            "AKUT", "Fortsatt högt tryck inom slutenvården. Kostnader för inhyrd personal lägre än föregående år.",
            "NARA", "Tillgängligheten i primärvården i nivå med föregående år; BUP har fortsatt högt inflöde.",
            "DIAG", "Volymerna inom bild- och funktionsmedicin ökar; positivt resultat genom relationen volym/pris.");

    private long writeComments(Path file, YearMonth month) {
        Charset windows1252 = Charset.forName("windows-1252");
        try (ExtractOutput out = ExtractOutput.open(file, windows1252, false)) {
            String nl = "\r\n";
            String period = month.toString().replace("-", "");
            out.append("Period;Org_id;Ämne;Kommentar").endLine(nl);
            row(out, period, "TOTAL", "summary", "\"Produktion i nivå med föregående år.\r\n"
                    + "Lägre sjukfrånvaro än föregående år; arbetad tid ökar motsvarande fler årsarbetare.\r\n"
                    + "Prognosen från februari står kvar; ny prognos i samband med delårsrapport 1.\"", nl);
            row(out, period, "TOTAL", "worth_noting", "\"Sommarplanering pågår; anställningsstopp gäller\"", nl);
            row(out, period, "TOTAL", "after_period", "Varsel Kommunal", nl);
            row(out, period, "TOTAL", "indicator.BUP_VISIT_30D",
                    "Högt inflöde ger lägre tillgänglighet, trots ökad produktion", nl);
            row(out, period, "TOTAL", "indicator.SPECIALIST_TREATMENT_90D",
                    "Förbättrat värde detta år, Ögonkliniken starkt bidragande", nl);
            row(out, period, "TOTAL", "sick_leave_pct", "\"Lägre än föregående år; arbetet med hälsofrämjande"
                    + " arbetsplatser fortgår\"", nl);
            row(out, period, "TOTAL", "income_statement", "\"Underskott mot budget, främst personalkostnader"
                    + " och köpt vård. \"\"Oberoende hyr\"\" ger effekt.\"", nl);
            for (String area : List.of("AKUT", "NARA", "DIAG")) {
                row(out, period, area, "summary", quoted(AREA_SUMMARIES.get(area)), nl);
            }
            return out.rows();
        }
    }

    /** CSV quoting, as an export does for a text holding the separator: the text in quotes, quotes doubled. */
    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static void row(ExtractOutput out, String period, String org, String topic, String text, String nl) {
        out.append(period).append(";").append(org).append(";").append(topic).append(";").append(text).endRow(nl);
    }
}
