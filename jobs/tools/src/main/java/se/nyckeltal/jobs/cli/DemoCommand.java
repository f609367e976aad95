package se.nyckeltal.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import se.nyckeltal.jobs.generate.GeneratorSettings;
import se.nyckeltal.schemas.warehouse.LoadRecord;
import se.nyckeltal.schemas.warehouse.WarehouseLayout;
import se.nyckeltal.warehouse.catalogue.Catalogue;
import se.nyckeltal.warehouse.report.ReportFormat;
import se.nyckeltal.warehouse.report.ReportWriter;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the demo region, load it, print a short KPI summary with how to query further, and write"
                + " the månadsrapport of the latest month (nyckeltal-demo/manadsrapport-YYYY-MM.html and .pdf).")
final class DemoCommand implements Callable<Integer> {
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    /** Public and fixed: the demo is reproducible, and says loudly that this key is not for real data. */
    static final String DEMO_PSEUDONYM_KEY = "nyckeltal-demo-key-PUBLIC-never-use-for-real-data";

    @Option(names = "--dir", defaultValue = "nyckeltal-demo",
            description = "Folder for landing/ and warehouse/ (default ./${DEFAULT-VALUE}).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        Path landing = dir.resolve("landing").toAbsolutePath().normalize();
        Path warehouse = dir.resolve("warehouse").toAbsolutePath().normalize();
        PrintWriter out = spec.commandLine().getOut();
        GenerateCommand.generate(landing, GeneratorSettings.defaults());
        out.println("Demo region written to " + landing);
        LoadRecord record = LoadCommand.load(landing, warehouse, new BigDecimal("0.01"), demoPseudonymKey(out));
        out.printf("Load %s: %s — %s%n%n", record.loadId(), record.outcome(), record.message());
        try (Connection connection = Catalogue.openReadOnly(new WarehouseLayout(warehouse))) {
            summary(connection, out);
            productionSummary(connection, out);
            hrSummary(connection, out);
            followUpSummary(connection, out);
            careChoiceSummary(connection, out);
        }
        Path report = writeReports(warehouse, out);
        out.printf("%nQuery further (read-only):%n");
        out.printf("  bin/nyckeltal sql --warehouse %s \"SELECT * FROM kpi.kpi_values WHERE kpi_id = 'result'"
                + " AND org_level = 'area' AND time_window = 'ytd' ORDER BY period DESC, org_id LIMIT 12\"%n", warehouse);
        out.printf("  bin/nyckeltal sql --warehouse %s --format csv \"SELECT * FROM kpi.income_statement"
                + " WHERE org_level = 'total' AND time_window = 'ytd' AND period = (SELECT max(period) FROM kpi.income_statement)"
                + " ORDER BY line_order\"%n", warehouse);
        out.printf("  bin/nyckeltal sql --warehouse %s \"SELECT * FROM meta.data_quality\"%n", warehouse);
        out.printf("%nThe månadsrapport of the latest month, as controllers get it:%n  %s%n  %s%n", report,
                report.resolveSibling(report.getFileName().toString().replace(".html", ".pdf")));
        return 0;
    }

    /**
     * The månadsrapport of the latest month for the whole administration, as HTML and PDF, beside landing/
     * and warehouse/ (nyckeltal-demo/manadsrapport-YYYY-MM.html). Returns the HTML file.
     */
    private Path writeReports(Path warehouse, PrintWriter out) throws SQLException {
        try (Connection connection = Catalogue.openReadOnly(new WarehouseLayout(warehouse))) {
            int period = latestPeriod(connection, "kpi.kpi_values WHERE kpi_id = 'result'");
            String month = String.format(Locale.ROOT, "%04d-%02d", period / 100, period % 100);
            ReportWriter writer = new ReportWriter(connection);
            Path html = dir.resolve("manadsrapport-" + month + ".html").toAbsolutePath().normalize();
            writer.writeOne(period, "TOTAL", ReportFormat.HTML, html);
            writer.writeOne(period, "TOTAL", ReportFormat.PDF, html.resolveSibling("manadsrapport-" + month + ".pdf"));
            out.printf("%nMånadsrapport %s written: %s (and .pdf beside it)%n", month, html);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's månadsrapport", e);
        }
    }

    private static void summary(Connection connection, PrintWriter out) throws SQLException {
        int period = latestPeriod(connection, "kpi.kpi_values WHERE kpi_id = 'result'");
        YearMonth month = YearMonth.of(period / 100, period % 100);
        out.printf("Nyckeltal, hela förvaltningen, ackumulerat januari–%s %d (mnkr)%n",
                month.getMonth().getDisplayName(TextStyle.FULL, SWEDISH), month.getYear());
        out.printf("  %-32s %10s %10s %10s %9s%n", "", "Utfall", "Budget", "Fg år", "Avv fg år");
        String sql = "SELECT k.name_sv, v.kpi_id, v.value, v.budget_value, v.previous_year_value,"
                + " v.deviation_previous_year_pct, k.unit FROM kpi.kpi_values v JOIN dim.kpi k USING (kpi_id)"
                + " WHERE v.period = ? AND v.time_window = 'ytd' AND v.org_level = 'total' AND k.source = 'ledger'"
                + " ORDER BY CASE v.kpi_id WHEN 'revenue' THEN 1 WHEN 'cost' THEN 2 WHEN 'result' THEN 3"
                + " WHEN 'personnel_cost' THEN 4 WHEN 'agency_cost' THEN 5 ELSE 6 END, v.kpi_id";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean percent = "%".equals(rs.getString("unit"));
                    out.printf("  %-32s %10s %10s %10s %9s%n", rs.getString("name_sv"),
                            amount(rs.getBigDecimal("value"), percent), amount(rs.getBigDecimal("budget_value"), percent),
                            amount(rs.getBigDecimal("previous_year_value"), percent),
                            percent(rs.getBigDecimal("deviation_previous_year_pct")));
                }
            }
        }
        out.printf("%nResultat per område, ackumulerat (mnkr)%n");
        try (PreparedStatement s = connection.prepareStatement("SELECT org_name, value, budget_value FROM kpi.kpi_values"
                + " WHERE kpi_id = 'result' AND period = ? AND time_window = 'ytd' AND org_level = 'area' ORDER BY org_id")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.printf("  %-32s %10s  (budget %s)%n", rs.getString(1), amount(rs.getBigDecimal(2), false),
                            amount(rs.getBigDecimal(3), false));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT (SELECT count(*) FROM meta.quarantine), (SELECT count(*) FROM meta.data_quality)");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            out.printf("%nDatakvalitet: rader i karantän %d (meta.quarantine), anmärkningar %d (meta.data_quality)%n",
                    rs.getLong(1), rs.getLong(2));
        }
    }

    /** The latest period in a table (with an optional WHERE), 0 when it is empty. */
    private static int latestPeriod(Connection connection, String tableAndFilter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT max(period) FROM " + tableAndFilter);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The månadsrapport's three production tables (Produktionsdata) for the whole organisation, year to
     * date at the latest period with production: own production with every column, the vårdcentraler
     * and the private providers.
     */
    private static void productionSummary(Connection connection, PrintWriter out) throws SQLException {
        int period = latestPeriod(connection, "kpi.production_report");
        if (period == 0) {
            return;
        }
        YearMonth month = YearMonth.of(period / 100, period % 100);
        String window = "ackumulerat januari–" + month.getMonth().getDisplayName(TextStyle.FULL, SWEDISH) + " "
                + month.getYear();
        productionTable(connection, out, period, "production_own", "Produktionsdata – Egen produktion, " + window);
        productionTable(connection, out, period, "production_primary_care",
                "Produktionsdata – Privata och regiondrivna vårdcentraler, " + window);
        productionTable(connection, out, period, "production_private_providers",
                "Produktionsdata – Privata vårdgivare, " + window);
        out.printf("  (kpi.production_own, kpi.production_primary_care, kpi.production_private_providers;"
                + " DRG-poäng visar föregående månad)%n");
    }

    private static void productionTable(Connection connection, PrintWriter out, int period, String view, String title)
            throws SQLException {
        String sql = "SELECT line_name, line_type, actual, budget, deviation_budget_pct, actual_previous_year,"
                + " deviation_previous_year_pct, forecast_full_year, budget_full_year, actual_full_year_previous_year"
                + " FROM kpi." + view + " WHERE period = ? AND time_window = 'ytd' AND org_level = 'total'"
                + " AND line_id NOT IN ('OCCUPIED_BEDS_0600', 'AVAILABLE_BEDS') ORDER BY line_order";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                boolean header = false;
                while (rs.next()) {
                    if (!header) {
                        out.printf("%n%s%n", title);
                        out.printf("  %-42s %9s %9s %8s %9s %8s %9s %9s %9s%n", "", "Ack utf", "Ack bud", "Avv bud",
                                "Ack fg år", "Avv fg år", "Helår", "Helår", "Bokslut");
                        out.printf("  %-42s %9s %9s %8s %9s %8s %9s %9s %9s%n", "", "", "", "", "", "",
                                "prognos", "budget", "fg år");
                        header = true;
                    }
                    boolean ratio = "ratio".equals(rs.getString("line_type"));
                    out.printf("  %-42s %9s %9s %8s %9s %8s %9s %9s %9s%n", rs.getString("line_name"),
                            volume(rs.getBigDecimal("actual"), ratio), volume(rs.getBigDecimal("budget"), ratio),
                            blankPercent(rs.getBigDecimal("deviation_budget_pct")),
                            volume(rs.getBigDecimal("actual_previous_year"), ratio),
                            blankPercent(rs.getBigDecimal("deviation_previous_year_pct")),
                            volume(rs.getBigDecimal("forecast_full_year"), ratio),
                            volume(rs.getBigDecimal("budget_full_year"), ratio),
                            volume(rs.getBigDecimal("actual_full_year_previous_year"), ratio));
                }
            }
        }
    }

    /**
     * Vårdval: the listing compensation per listed person and month, public against private vårdcentraler,
     * this year against last year to date — the seed's "Genomsnittlig ersättning per listad" table
     * (skane-halsoval-ersattningar-2024.txt), from kpi.kpi_values at org level 'ownership'.
     */
    private static void careChoiceSummary(Connection connection, PrintWriter out) throws SQLException {
        int period = latestPeriod(connection, "kpi.kpi_values WHERE kpi_id = 'capitation_per_listed'"
                + " AND org_level = 'ownership'");
        if (period == 0) {
            return;
        }
        YearMonth month = YearMonth.of(period / 100, period % 100);
        // per ownership: kpi_id → {value, previous_year_value}, and the listed-months of capitation_per_listed
        java.util.Map<String, java.util.Map<String, BigDecimal[]>> byOwnership = new java.util.TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT org_id, kpi_id, value, previous_year_value"
                + " FROM kpi.kpi_values WHERE period = ? AND time_window = 'ytd' AND org_level = 'ownership'"
                + " AND (kpi_id LIKE 'capitation%' OR kpi_id = 'listed')")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byOwnership.computeIfAbsent(rs.getString(1), o -> new java.util.HashMap<>())
                            .put(rs.getString(2), new BigDecimal[] {rs.getBigDecimal(3), rs.getBigDecimal(4)});
                }
            }
        }
        int year = month.getYear();
        out.printf("%nVårdval – ersättning per listad och månad, ackumulerat januari–%s (kr)%n",
                month.getMonth().getDisplayName(TextStyle.FULL, SWEDISH));
        out.printf("  %-46s %11s %11s %11s %11s %9s %9s%n", "", "Offentliga", "Privata", "Offentliga", "Privata",
                year + "–" + (year - 1), year + "–" + (year - 1));
        out.printf("  %-46s %11s %11s %11s %11s %9s %9s%n", "", "VC " + (year - 1), "VC " + (year - 1), "VC " + year,
                "VC " + year, "off.", "privata");
        String[][] rows = {
            {"capitation.ACG", "Ersättning listade viktat med ACG"},
            {"capitation.CNI", "Ersättning för listades CNI-poäng"},
            {"capitation.AGE_SEX", "Ersättning listade viktat efter ålder och kön"},
            {"capitation.ACTIVE_LISTED", "Ersättning för aktiva listade"},
            {"capitation", "Summa"}};
        for (String[] row : rows) {
            BigDecimal[] pub = perListed(byOwnership.get("PUBLIC"), row[0]);
            BigDecimal[] pri = perListed(byOwnership.get("PRIVATE"), row[0]);
            out.printf("  %-46s %11s %11s %11s %11s %9s %9s%n", row[1], volume(pub[1], true), volume(pri[1], true),
                    volume(pub[0], true), volume(pri[0], true), change(pub), change(pri));
        }
        BigDecimal[] publicListed = byOwnership.getOrDefault("PUBLIC", java.util.Map.of()).get("listed");
        BigDecimal[] privateListed = byOwnership.getOrDefault("PRIVATE", java.util.Map.of()).get("listed");
        out.printf("  %-46s %11s %11s %11s %11s%n", "Listade (medel per månad)",
                volume(publicListed == null ? null : publicListed[1], false),
                volume(privateListed == null ? null : privateListed[1], false),
                volume(publicListed == null ? null : publicListed[0], false),
                volume(privateListed == null ? null : privateListed[0], false));
        out.printf("  (kpi.kpi_values, org_level 'ownership'; per enhet: kpi.capitation, åldersprofil: kpi.listing_pyramid)%n");
    }

    /**
     * A capitation KPI per listed person and month, {this year, last year}: the component's share of the
     * compensation times the compensation per listed (both windows alike).
     */
    private static BigDecimal[] perListed(java.util.Map<String, BigDecimal[]> kpis, String kpiId) {
        BigDecimal[] result = new BigDecimal[2];
        if (kpis == null || kpis.get(kpiId) == null || kpis.get("capitation") == null
                || kpis.get("capitation_per_listed") == null) {
            return result;
        }
        for (int i = 0; i < 2; i++) {
            BigDecimal part = kpis.get(kpiId)[i];
            BigDecimal total = kpis.get("capitation")[i];
            BigDecimal perListed = kpis.get("capitation_per_listed")[i];
            if (part != null && total != null && perListed != null && total.signum() != 0) {
                result[i] = part.multiply(perListed).divide(total, 6, RoundingMode.HALF_EVEN);
            }
        }
        return result;
    }

    /** (this year ÷ last year − 1) × 100 with two decimals, as the seed shows it; blank without both. */
    private static String change(BigDecimal[] values) {
        if (values[0] == null || values[1] == null || values[1].signum() == 0) {
            return "";
        }
        BigDecimal pct = values[0].divide(values[1], 10, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE)
                .multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_EVEN);
        return pct.toPlainString().replace('.', ',').replace('-', '−') + " %";
    }

    /** A volume in whole units with grouped thousands; a ratio line (beläggning, medelvårdtid) with one decimal. */
    private static String volume(BigDecimal value, boolean ratio) {
        if (value == null) {
            return "";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(SWEDISH);
        symbols.setGroupingSeparator(' ');
        symbols.setMinusSign('−');
        return new DecimalFormat(ratio ? "#,##0.0" : "#,##0", symbols)
                .format(value.setScale(ratio ? 1 : 0, RoundingMode.HALF_EVEN));
    }

    /** A deviation with one decimal, blank where there is nothing to compare with (as the report leaves it). */
    private static String blankPercent(BigDecimal value) {
        return value == null ? "" : percent(value);
    }

    /**
     * The demo's HR pseudonym key: fixed and public, so the demo is reproducible — and announced, so
     * nobody mistakes it for a way to run real data.
     */
    private Path demoPseudonymKey(PrintWriter out) {
        Path key = dir.resolve("demo-pseudonym.key").toAbsolutePath().normalize();
        try {
            Files.createDirectories(key.getParent());
            Files.writeString(key, DEMO_PSEUDONYM_KEY + "\n", StandardCharsets.UTF_8);
            if (Files.getFileAttributeView(key, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key, e);
        }
        out.println("****************************************************************************************");
        out.println("  DEMO KEY: HR employee ids are pseudonymised with a fixed, publicly known demo key");
        out.println("  (" + key + ").");
        out.println("  Never load real HR data with it: give real loads their own secret key with");
        out.println("  --pseudonym-key-file FILE or NYCKELTAL_PSEUDONYM_KEY, and back that key up.");
        out.println("****************************************************************************************");
        out.flush();
        return key;
    }

    /** Arbetad tid and sjukfrånvaro for the whole organisation, year to date, as the månadsrapport shows them. */
    private static void hrSummary(Connection connection, PrintWriter out) throws SQLException {
        int period = latestPeriod(connection, "kpi.worked_time");
        if (period == 0) {
            return;
        }
        YearMonth month = YearMonth.of(period / 100, period % 100);
        String months = "januari–" + month.getMonth().getDisplayName(TextStyle.FULL, SWEDISH);
        out.printf("%nArbetad tid, hela förvaltningen, ackumulerat %s (timmar)%n", months);
        out.printf("  %-58s %11s %11s %10s %8s%n", "", month.getYear(), month.getYear() - 1, "Förändring", "%");
        try (PreparedStatement s = connection.prepareStatement("SELECT line_id, line_name, actual, previous_year, change,"
                + " change_pct FROM kpi.worked_time WHERE period = ? AND time_window = 'ytd' AND org_level = 'total'"
                + " ORDER BY line_order")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean fte = rs.getString("line_id").equals("fte");
                    out.printf("  %-58s %11s %11s %10s %8s%n", rs.getString("line_name"),
                            whole(rs.getBigDecimal("actual"), fte), whole(rs.getBigDecimal("previous_year"), fte),
                            whole(rs.getBigDecimal("change"), fte), percent(rs.getBigDecimal("change_pct")));
                }
            }
        }
        out.printf("%nSjukfrånvaro, egen personal, ackumulerat %s (grupper med högst 10 anställda visas som *)%n",
                months);
        out.printf("  %-50s %8s %8s %8s%n", "", month.getYear() - 2, month.getYear() - 1, month.getYear());
        try (PreparedStatement s = connection.prepareStatement("SELECT line_name, value_two_years_earlier,"
                + " suppressed_two_years_earlier, value_previous_year, suppressed_previous_year, value, suppressed"
                + " FROM kpi.sick_leave WHERE period = ? AND time_window = 'ytd' AND org_level = 'total'"
                + " ORDER BY line_order")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.printf("  %-50s %8s %8s %8s%n", rs.getString(1), sick(rs.getBigDecimal(2), rs.getBoolean(3)),
                            sick(rs.getBigDecimal(4), rs.getBoolean(5)), sick(rs.getBigDecimal(6), rs.getBoolean(7)));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT value, previous_year_value FROM kpi.kpi_values"
                + " WHERE kpi_id = 'cost_per_worked_hour' AND period = ? AND time_window = 'ytd' AND org_level = 'total'")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    out.printf("%nKostnad per arbetad timme, ackumulerat: %s kr (föregående år %s kr)%n",
                            whole(rs.getBigDecimal(1), false), whole(rs.getBigDecimal(2), false));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT value, previous_year_value FROM kpi.kpi_values"
                + " WHERE kpi_id = 'drg_per_fte' AND period = ? AND time_window = 'ytd' AND org_level = 'total'")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    out.printf("DRG-poäng per årsarbetare (1 mån släp), ackumulerat: %s (föregående år %s)%n",
                            whole(rs.getBigDecimal(1), true), whole(rs.getBigDecimal(2), true));
                }
            }
        }
    }

    /**
     * What the månadsrapport shows beyond the three extracts, at the latest period with indicators: the
     * indicator tables by goal, antal anställda, the action plan's subtotals, the forecasts made this year
     * and the controllers' summary.
     */
    private static void followUpSummary(Connection connection, PrintWriter out) throws SQLException {
        int period = latestPeriod(connection, "kpi.kpi_values WHERE kpi_id LIKE 'indicator.%'");
        if (period == 0) {
            return;
        }
        YearMonth month = YearMonth.of(period / 100, period % 100);
        String months = "januari–" + month.getMonth().getDisplayName(TextStyle.FULL, SWEDISH);
        out.printf("%nIndikatorer, hela förvaltningen, ackumulerat %s%n", months);
        out.printf("  %-62s %9s %9s %9s  %s%n", "", "Fg år", "Mål", "Utfall", "Trend");
        String group = null;
        try (PreparedStatement s = connection.prepareStatement("SELECT g.group_name, k.name_sv, k.unit,"
                + " v.previous_year_value, v.target_value, v.value, v.trend FROM dim.indicator_group g"
                + " JOIN dim.kpi k ON k.kpi_id = g.kpi_id LEFT JOIN kpi.kpi_values v ON v.kpi_id = g.kpi_id"
                + " AND v.period = ? AND v.time_window = 'ytd' AND v.org_level = 'total'"
                + " WHERE g.measure = 'value' AND g.kpi_id LIKE 'indicator.%' ORDER BY g.group_ordinal, g.ordinal")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(group)) {
                        group = rs.getString(1);
                        out.printf("  %s%n", group);
                    }
                    boolean percent = "%".equals(rs.getString(3));
                    out.printf("    %-60s %9s %9s %9s  %s%n", rs.getString(2), indicator(rs.getBigDecimal(4), percent),
                            indicator(rs.getBigDecimal(5), percent), indicator(rs.getBigDecimal(6), percent),
                            rs.getString(7) == null ? "–" : rs.getString(7));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT value, previous_year_value FROM kpi.kpi_values"
                + " WHERE kpi_id = 'headcount' AND period = ? AND time_window = 'month' AND org_level = 'total'")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    out.printf("%nAntal anställda inklusive inhyrd personal, %s: %s (föregående år %s)%n",
                            month.getMonth().getDisplayName(TextStyle.FULL, SWEDISH), whole(rs.getBigDecimal(1), false),
                            whole(rs.getBigDecimal(2), false));
                }
            }
        }
        out.printf("%nEkonomisk effekthemtagning %d, hela förvaltningen (mnkr)%n", month.getYear());
        out.printf("  %-32s %14s %18s %9s%n", "", "Beräknad årseffekt", "Realiserad ack", "Andel");
        try (PreparedStatement s = connection.prepareStatement("SELECT category, planned_annual_effect,"
                + " realised_effect_ytd, realised_share_pct FROM kpi.action_plan_totals WHERE period = ?"
                + " AND org_level = 'total' ORDER BY CASE category WHEN 'BUDGET' THEN 1 WHEN 'BEYOND_BUDGET' THEN 2 ELSE 3 END")) {
            s.setInt(1, period);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String label = switch (rs.getString(1)) {
                        case "BUDGET" -> "Summa budget";
                        case "BEYOND_BUDGET" -> "Summa utöver budget";
                        default -> "Totalt";
                    };
                    out.printf("  %-32s %14s %18s %9s%n", label, amount(rs.getBigDecimal(2), false),
                            amount(rs.getBigDecimal(3), false), percent(rs.getBigDecimal(4)));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT forecast_made, value FROM kpi.forecast_versions"
                + " WHERE kpi_id = 'result' AND year = ? AND org_level = 'total' ORDER BY forecast_made")) {
            s.setInt(1, month.getYear());
            try (ResultSet rs = s.executeQuery()) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) {
                    int made = rs.getInt(1);
                    versions.add((rs.wasNull() ? "utan prognosmånad" : "från "
                            + YearMonth.of(made / 100, made % 100).getMonth().getDisplayName(TextStyle.FULL, SWEDISH))
                            + " " + amount(rs.getBigDecimal(2), false) + " mnkr");
                }
                if (!versions.isEmpty()) {
                    out.printf("%nPrognos resultat %d: %s%n", month.getYear(), String.join("; ", versions));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT period, text FROM meta.comments"
                + " WHERE org_id = 'TOTAL' AND topic = 'summary' ORDER BY period DESC LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                out.printf("%nKommentar (meta.comments, %d):%n", rs.getInt(1));
                for (String line : rs.getString(2).split("\\R")) {
                    out.printf("  %s%n", line);
                }
            }
        }
    }

    /** An indicator's figure: one decimal, with % for shares. */
    private static String indicator(BigDecimal value, boolean percent) {
        if (value == null) {
            return "–";
        }
        return format(value.setScale(1, RoundingMode.HALF_EVEN)) + (percent ? " %" : "");
    }

    /** Whole hours (or årsarbetare) with a space between thousands. */
    private static String whole(BigDecimal value, boolean oneDecimal) {
        if (value == null) {
            return "–";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(SWEDISH);
        symbols.setGroupingSeparator(' ');
        symbols.setMinusSign('−');
        return new DecimalFormat(oneDecimal ? "#,##0.0" : "#,##0", symbols).format(value);
    }

    private static String sick(BigDecimal value, boolean suppressed) {
        if (suppressed) {
            return "*";
        }
        return value == null ? "–" : format(value.setScale(1, RoundingMode.HALF_EVEN)) + " %";
    }

    /** Millions of kronor with one decimal, Swedish style; percentages as they are. */
    private static String amount(BigDecimal value, boolean percent) {
        if (value == null) {
            return "–";
        }
        if (percent) {
            return format(value.setScale(1, RoundingMode.HALF_EVEN)) + " %";
        }
        return format(value.movePointLeft(6).setScale(1, RoundingMode.HALF_EVEN));
    }

    private static String percent(BigDecimal value) {
        return value == null ? "–" : format(value.setScale(1, RoundingMode.HALF_EVEN)) + " %";
    }

    private static String format(BigDecimal value) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(SWEDISH);
        symbols.setGroupingSeparator(' ');
        symbols.setMinusSign('−');
        return new DecimalFormat("#,##0.0", symbols).format(value);
    }
}
