package se.nyckeltal.warehouse.report;

import static se.nyckeltal.warehouse.report.CatalogueReader.bool;
import static se.nyckeltal.warehouse.report.CatalogueReader.decimal;
import static se.nyckeltal.warehouse.report.CatalogueReader.integer;
import static se.nyckeltal.warehouse.report.CatalogueReader.text;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.nyckeltal.warehouse.report.SummarySentences.ProductionChange;
import se.nyckeltal.warehouse.report.SvgChart.Style;

/**
 * Builds the månadsrapport of one org and period from the published catalogue: the sections of SPEC §8 in
 * the order of {@code manadsrapport-2024-03.txt}, every figure read from kpi.kpi_values or a wide view,
 * rounded for reading and carrying its source. Tables show the accumulated window (ytd) as the seed does.
 */
public final class ReportBuilder {
    static final String YTD = "ytd";
    static final String MONTH = "month";
    private static final String KPI_VALUES = "kpi.kpi_values";
    /** Under an HR table with a suppressed figure (*), SPEC §8: small groups and the figures that would give them away. */
    private static final String SUPPRESSED_FOOTNOTE = "* Redovisas inte (sekretess): gruppen har högst 10 anställda, eller"
            + " siffran skulle tillsammans med andra redovisade siffror avslöja en sådan grupp.";

    private final CatalogueReader catalogue;
    /** Rows read once for a whole batch of reports: source → "org_level/org_id" → rows (see {@link #prefetch}). */
    private final Map<String, Map<String, List<Map<String, Object>>>> prefetched = new HashMap<>();
    private int prefetchedPeriod;

    public ReportBuilder(Connection connection) throws SQLException {
        this.catalogue = new CatalogueReader(connection);
    }

    /**
     * For a batch of reports of one period (all-units, all-areas): reads the slow sources once for every org —
     * the HR views, which DuckDB computes on each query, and the monthly KPI series of the charts — instead of
     * once per report. Reports built afterwards for that period read them from memory.
     */
    public void prefetch(int period) throws SQLException {
        prefetched.clear();
        prefetchedPeriod = period;
        for (String view : List.of("kpi.worked_time", "kpi.sick_leave")) {
            if (catalogue.has(view)) {
                prefetched.put(view, byOrg(catalogue.query("SELECT * FROM " + view + " WHERE period = ?"
                        + " AND time_window = 'ytd' ORDER BY org_level, org_id, line_order", period)));
            }
        }
        for (String kpi : List.of("fte", "sick_leave_pct", "result")) {
            int from = kpi.equals("sick_leave_pct") ? (period / 100 - 2) * 100 + 1 : period / 100 * 100 + 1;
            prefetched.put("month:" + kpi, byOrg(catalogue.query("SELECT * FROM kpi.kpi_values WHERE kpi_id = ?"
                    + " AND time_window = 'month' AND period BETWEEN ? AND ? ORDER BY org_level, org_id, period", kpi,
                    from, period)));
        }
    }

    private static Map<String, List<Map<String, Object>>> byOrg(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> byOrg = new HashMap<>();
        for (Map<String, Object> row : rows) {
            byOrg.computeIfAbsent(text(row, "org_level") + "/" + text(row, "org_id"), k -> new ArrayList<>()).add(row);
        }
        return byOrg;
    }

    /** The prefetched rows of a source for an org, or null when that source was not prefetched for this period. */
    private List<Map<String, Object>> prefetchedRows(String source, OrgRef org, int period) {
        Map<String, List<Map<String, Object>>> rows = prefetched.get(source);
        if (rows == null || period != prefetchedPeriod) {
            return null;
        }
        return rows.getOrDefault(org.level() + "/" + org.id(), List.of());
    }

    /** The periods (YYYYMM) that kpi.kpi_values has data for, ascending. */
    public List<Integer> periods() throws SQLException {
        List<Integer> periods = new ArrayList<>();
        for (Map<String, Object> row : catalogue.query("SELECT DISTINCT period FROM kpi.kpi_values ORDER BY period")) {
            periods.add(integer(row, "period"));
        }
        return periods;
    }

    /** The orgs with KPI values at a period: the total, then areas and units by id. */
    public List<OrgRef> orgs(int period) throws SQLException {
        List<OrgRef> orgs = new ArrayList<>();
        for (Map<String, Object> row : catalogue.query("SELECT org_level, org_id, any_value(org_name) AS org_name"
                + " FROM kpi.kpi_values WHERE period = ? AND org_level IN ('total', 'area', 'unit') GROUP BY org_level, org_id"
                + " ORDER BY CASE org_level WHEN 'total' THEN 0 WHEN 'area' THEN 1 ELSE 2 END, org_id", period)) {
            orgs.add(new OrgRef(text(row, "org_level"), text(row, "org_id"), text(row, "org_name")));
        }
        return orgs;
    }

    /**
     * Resolves a requested org (TOTAL, an area id or a unit id) at a period.
     *
     * @throws ReportInputException for a period without data or an org the period does not have
     */
    public OrgRef resolve(int period, String orgId) throws SQLException {
        List<Integer> periods = periods();
        if (!periods.contains(period)) {
            throw new ReportInputException("no data for period " + SwedishFormat.isoPeriod(period) + " in the catalogue",
                    periods.isEmpty() ? "load data first: nyckeltal load --landing DIR --warehouse DIR"
                            : "periods with data: " + describePeriods(periods));
        }
        List<OrgRef> orgs = orgs(period);
        for (OrgRef org : orgs) {
            if (org.id().equalsIgnoreCase(orgId) && (org.level().equals("total") || org.id().equals(orgId))) {
                return org;
            }
        }
        List<String> areas = orgs.stream().filter(o -> o.level().equals("area")).map(OrgRef::id).toList();
        List<String> units = orgs.stream().filter(o -> o.level().equals("unit")).map(OrgRef::id).toList();
        throw new ReportInputException("unknown org '" + orgId + "' for period " + SwedishFormat.isoPeriod(period),
                "use TOTAL, all-areas, all-units, an area (" + shortList(areas) + ") or a unit (" + shortList(units) + ")");
    }

    private static String shortList(List<String> ids) {
        if (ids.size() <= 12) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 10)) + ", … " + ids.size() + " in all; list them with nyckeltal sql"
                + " \"SELECT DISTINCT org_level, org_id, org_name FROM kpi.kpi_values\"";
    }

    /** "2024-01 … 2026-03 (27 months)", or the list when short. */
    static String describePeriods(List<Integer> periods) {
        if (periods.size() <= 6) {
            return String.join(", ", periods.stream().map(SwedishFormat::isoPeriod).toList());
        }
        return SwedishFormat.isoPeriod(periods.get(0)) + " … " + SwedishFormat.isoPeriod(periods.get(periods.size() - 1))
                + " (" + periods.size() + " months)";
    }

    /** The report of one org at one period. */
    public Report build(OrgRef org, int period) throws SQLException {
        Context c = new Context(org, period);
        List<Section> sections = new ArrayList<>();
        sections.add(summary(c));
        sections.add(indicators(c));
        sections.add(production(c, "production_own", "Produktionsdata – Egen produktion", "", "OWN"));
        sections.add(production(c, "production_primary_care", "Produktionsdata – Privata och regiondrivna vårdcentraler",
                "Kontakt med primärvården", "REGION_PRIMARY_CARE eller PRIVATE_PRIMARY_CARE"));
        sections.add(production(c, "production_private_providers", "Produktionsdata – Privata vårdgivare",
                "Kontakt med privat vårdgivare", "PRIVATE_PROVIDER"));
        sections.add(actionPlan(c));
        sections.add(workedTime(c));
        sections.add(sickLeave(c));
        sections.add(incomeStatement(c));
        sections.add(costDevelopment(c));
        sections.add(areas(c));
        sections.add(dataQuality(c));
        String snapshot = null;
        if (catalogue.has("meta.snapshot")) {
            List<Map<String, Object>> rows = catalogue.query("SELECT * FROM meta.snapshot LIMIT 1");
            snapshot = rows.isEmpty() ? null : text(rows.get(0), "snapshot_id");
        }
        String title = "Månadsrapport " + SwedishFormat.monthName(period) + " " + c.year;
        String subtitle = org.name() + switch (org.level()) {
            case "area" -> " (område " + org.id() + ")";
            case "unit" -> " (enhet " + org.id() + ")";
            default -> "";
        };
        return new Report(org.level(), org.id(), org.name(), period, title, subtitle, snapshot, sections);
    }

    /** What every section of one report reads: the org's KPI rows at the period and its comments. */
    private final class Context {
        final OrgRef org;
        final int period;
        final int year;
        final String month;
        /** kpi_id + '/' + window → row of kpi.kpi_values at the period. */
        final Map<String, Map<String, Object>> kpis = new HashMap<>();
        final Map<String, String> comments = new HashMap<>();
        final boolean hasForecastColumn;
        /** mnkr decimals: whole mnkr for the administration, one decimal for an area or a unit. */
        final int mnkrDecimals;

        Context(OrgRef org, int period) throws SQLException {
            this.org = org;
            this.period = period;
            this.year = period / 100;
            this.month = SwedishFormat.monthName(period);
            this.mnkrDecimals = org.level().equals("total") ? 0 : 1;
            this.hasForecastColumn = catalogue.hasColumn(KPI_VALUES, "forecast_full_year_value");
            for (Map<String, Object> row : catalogue.query("SELECT * FROM kpi.kpi_values WHERE period = ? AND org_level = ?"
                    + " AND org_id = ?", period, org.level(), org.id())) {
                kpis.put(text(row, "kpi_id") + "/" + text(row, "time_window"), row);
            }
            if (catalogue.has("meta.comments")) {
                for (Map<String, Object> row : catalogue.query("SELECT topic, text FROM meta.comments WHERE period = ?"
                        + " AND org_id = ?", period, org.id())) {
                    comments.put(text(row, "topic"), text(row, "text"));
                }
            }
        }

        Map<String, Object> kpi(String kpiId, String window) {
            return kpis.get(kpiId + "/" + window);
        }

        BigDecimal value(String kpiId, String window, String measure) {
            Map<String, Object> row = kpi(kpiId, window);
            return row == null ? null : decimal(row, measure);
        }

        /** A figure of kpi.kpi_values at this org and period, its text to be set where it is printed. */
        Figure kpiFigure(String kpiId, String window, String measure) {
            return kpiFigure(kpiId, window, measure, v -> "");
        }

        /** A figure of kpi.kpi_values at this org and period. */
        Figure kpiFigure(String kpiId, String window, String measure, Format format) {
            Map<String, Object> row = kpi(kpiId, window);
            BigDecimal value = row == null ? null : decimal(row, measure);
            boolean suppressed = row != null && bool(row, "suppressed") && value == null;
            return new Figure(kpiId, org.level(), org.id(), period, window, measure, null, value,
                    suppressed ? "*" : format.apply(value), suppressed);
        }

        List<CommentBlock> comment(String topic, String heading) {
            String text = comments.get(topic);
            if (text == null || text.isBlank()) {
                return List.of();
            }
            return List.of(new CommentBlock(heading, text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()));
        }
    }

    /** How a figure is printed. */
    @FunctionalInterface
    interface Format {
        String apply(BigDecimal value);

        static Format number(int decimals) {
            return v -> SwedishFormat.number(v, decimals);
        }

        static Format percent(int decimals) {
            return v -> v == null ? "" : SwedishFormat.number(v, decimals) + "%";
        }

        static Format mnkr(int decimals) {
            return v -> SwedishFormat.mnkr(v, decimals);
        }
    }

    private static Section section(String id, String heading, String lead, List<Sentence> bullets, List<Table> tables,
            List<Chart> charts, List<CommentBlock> comments, List<String> footnotes) {
        return new Section(id, heading, lead, bullets, tables, charts, comments, footnotes, null);
    }

    private static Section missing(String id, String heading, String line, List<CommentBlock> comments) {
        return new Section(id, heading, null, List.of(), List.of(), List.of(), comments, List.of(), line);
    }

    // ---------------------------------------------------------------- summary (Perioden i siffror)

    private Section summary(Context c) throws SQLException {
        List<Sentence> bullets = new ArrayList<>();
        Map<String, Figure> ownDeviation = new HashMap<>();
        if (catalogue.has("kpi.production_own")) {
            for (Map<String, Object> row : catalogue.query("SELECT line_id, deviation_previous_year_pct FROM kpi.production_own"
                    + " WHERE period = ? AND time_window = 'ytd' AND org_level = ? AND org_id = ?"
                    + " AND line_id IN ('DOCTOR_VISIT', 'OTHER_VISIT', 'OPERATIONS_TOTAL')", c.period, c.org.level(),
                    c.org.id())) {
                String lineId = text(row, "line_id");
                ownDeviation.put(lineId, new Figure(lineId, c.org.level(), c.org.id(), c.period, YTD,
                        "deviation_previous_year_pct", "kpi.production_own", decimal(row, "deviation_previous_year_pct"), "",
                        false));
            }
        }
        List<ProductionChange> changes = new ArrayList<>();
        for (String[] line : new String[][] {{"DOCTOR_VISIT", "läkarbesök"}, {"OTHER_VISIT", "besök övriga yrkesgrupper"},
                {"OPERATIONS_TOTAL", "operationer"}}) {
            if (ownDeviation.containsKey(line[0])) {
                changes.add(new ProductionChange(line[1], ownDeviation.get(line[0])));
            }
        }
        SummarySentences.production(changes).ifPresent(bullets::add);
        SummarySentences.indicators(indicatorTrends(c, "positive"), indicatorTrends(c, null)).ifPresent(bullets::add);
        SummarySentences.bedOccupancy(c.kpiFigure("bed_occupancy_pct", YTD, "value"),
                c.kpiFigure("bed_occupancy_pct", YTD, "previous_year_value")).ifPresent(bullets::add);
        Map<String, Object> sick = c.kpi("sick_leave_pct", YTD);
        if (sick != null) {
            SummarySentences.sickLeave(c.kpiFigure("sick_leave_pct", YTD, "value"),
                    c.kpiFigure("sick_leave_pct", YTD, "previous_year_value"), bool(sick, "suppressed"))
                    .ifPresent(bullets::add);
        }
        SummarySentences.fteChange(change(c, "fte", YTD), change(c, "fte", MONTH), c.period).ifPresent(bullets::add);
        SummarySentences.result(c.kpiFigure("result", YTD, "value"), c.kpiFigure("result", YTD, "budget_value"),
                c.kpiFigure("result", YTD, "previous_year_value"), c.period, c.mnkrDecimals).ifPresent(bullets::add);
        if (c.kpi("cost", YTD) != null) {
            SummarySentences.costDevelopment("Bruttokostnadsutveckling", c.kpiFigure("gross_cost_development_pct", YTD,
                    "value"), previousMonthYtd(c, "gross_cost_development_pct"), c.period).ifPresent(bullets::add);
            SummarySentences.costDevelopment("Nettokostnadsutveckling", c.kpiFigure("net_cost_development_pct", YTD,
                    "value"), previousMonthYtd(c, "net_cost_development_pct"), c.period).ifPresent(bullets::add);
        }
        SummarySentences.forecast(resultForecast(c), forecastMade(c), c.mnkrDecimals).ifPresent(bullets::add);
        List<CommentBlock> comments = new ArrayList<>();
        comments.addAll(c.comment("summary", "Kommentar"));
        comments.addAll(c.comment("worth_noting", "Värt att notera"));
        comments.addAll(c.comment("after_period", "Efter periodens utgång"));
        if (bullets.isEmpty()) {
            return missing("summary", "Perioden i siffror", "Inga nyckeltal för perioden att sammanfatta.", comments);
        }
        return section("summary", "Perioden i siffror", null, bullets, List.of(), List.of(), comments, List.of());
    }

    /** The KPI's value minus its previous_year_value in the window (value null where either is missing). */
    private static Figure change(Context c, String kpiId, String window) {
        return c.kpiFigure(kpiId, window, "value").minus(c.kpiFigure(kpiId, window, "previous_year_value"));
    }

    /** The KPI's ytd value at the month before the period, as a figure of that period (null in January). */
    private Figure previousMonthYtd(Context c, String kpiId) throws SQLException {
        if (c.period % 100 == 1) {
            return null;
        }
        int before = SwedishFormat.previousPeriod(c.period);
        List<Map<String, Object>> rows = catalogue.query("SELECT value FROM kpi.kpi_values WHERE kpi_id = ? AND period = ?"
                + " AND time_window = 'ytd' AND org_level = ? AND org_id = ?", kpiId, before, c.org.level(), c.org.id());
        BigDecimal value = rows.isEmpty() ? null : decimal(rows.get(0), "value");
        return new Figure(kpiId, c.org.level(), c.org.id(), before, YTD, "value", null, value, "", false);
    }

    /** The full-year result forecast: forecast_full_year_value where the catalogue has it, else the income statement's. */
    private Figure resultForecast(Context c) throws SQLException {
        if (c.hasForecastColumn) {
            Figure value = c.kpiFigure("result", YTD, "forecast_full_year_value");
            if (value.value() != null) {
                return value;
            }
        }
        if (!catalogue.has("kpi.income_statement")) {
            return null;
        }
        List<Map<String, Object>> rows = catalogue.query("SELECT forecast_full_year FROM kpi.income_statement"
                + " WHERE period = ? AND time_window = 'ytd' AND org_level = ? AND org_id = ? AND line_id = 'RESULT'",
                c.period, c.org.level(), c.org.id());
        return rows.isEmpty() ? null : new Figure("RESULT", c.org.level(), c.org.id(), c.period, YTD, "forecast_full_year",
                "kpi.income_statement", decimal(rows.get(0), "forecast_full_year"), "", false);
    }

    /** The month the latest forecast of the period's year was made (kpi.forecast_versions), null without one. */
    private Integer forecastMade(Context c) throws SQLException {
        if (!catalogue.has("kpi.forecast_versions") || !c.hasForecastColumn
                || c.value("result", YTD, "forecast_full_year_value") == null) {
            return null;
        }
        List<Map<String, Object>> rows = catalogue.query("SELECT max(forecast_made) AS made FROM kpi.forecast_versions"
                + " WHERE kpi_id = 'result' AND year = ? AND org_level = ? AND org_id = ? AND forecast_made <= ?", c.year,
                c.org.level(), c.org.id(), c.period);
        Object made = rows.isEmpty() ? null : rows.get(0).get("made");
        return made == null ? null : ((Number) made).intValue();
    }

    private static int indicatorTrends(Context c, String trend) {
        int count = 0;
        for (Map.Entry<String, Map<String, Object>> e : c.kpis.entrySet()) {
            if (e.getKey().startsWith("indicator.") && e.getKey().endsWith("/" + YTD)) {
                String t = text(e.getValue(), "trend");
                if (t != null && (trend == null || trend.equals(t))) {
                    count++;
                }
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- indicators

    private static final java.util.Set<String> MNKR_KPIS = java.util.Set.of("revenue", "cost", "result", "personnel_cost",
            "agency_cost", "action_plan_planned_effect", "action_plan_realised_effect");

    /** How a KPI's figures print: mnkr for amounts of the ledger, % with one decimal, whole årsarbetare and kronor. */
    private static Format formatFor(String kpiId, String unit, String measure) {
        if (measure.endsWith("_pct") || "%".equals(unit)) {
            return Format.percent(1);
        }
        if (MNKR_KPIS.contains(kpiId)) {
            return Format.mnkr(1);
        }
        if ("kr".equals(unit) || kpiId.equals("fte") || kpiId.startsWith("fte.") || kpiId.equals("headcount")) {
            return Format.number(0);
        }
        return Format.number(1);
    }

    /** The indicator tables as the report's indicator groups (dim.indicator_group) lay them out. */
    private List<Table> indicatorGroups(Context c, Map<String, String> names) throws SQLException {
        Map<String, String> units = new HashMap<>();
        for (Map<String, Object> row : catalogue.query("SELECT kpi_id, unit FROM dim.kpi")) {
            units.put(text(row, "kpi_id"), text(row, "unit"));
        }
        if (catalogue.has("dim.indicator")) {
            for (Map<String, Object> row : catalogue.query("SELECT kpi_id, name, unit FROM dim.indicator")) {
                names.put(text(row, "kpi_id"), text(row, "name"));
                units.put(text(row, "kpi_id"), text(row, "unit"));
            }
        }
        List<String> header = List.of("Indikator", "Utfall " + (c.year - 1), "Mål " + c.year, "Utfall " + c.year, "Trend",
                "Kommentar");
        Map<String, List<Table.Row>> rowsByGroup = new LinkedHashMap<>();
        for (Map<String, Object> g : catalogue.query("SELECT group_name, kpi_id, measure FROM dim.indicator_group"
                + " ORDER BY group_ordinal, ordinal")) {
            String kpiId = text(g, "kpi_id");
            String measure = text(g, "measure");
            Map<String, Object> row = c.kpi(kpiId, YTD);
            List<Table.Row> rows = rowsByGroup.computeIfAbsent(text(g, "group_name"), k -> new ArrayList<>());
            if (row == null || (measure.equals("forecast_full_year_value") && !c.hasForecastColumn)) {
                continue;
            }
            String name = names.getOrDefault(kpiId, kpiId);
            name = switch (measure) {
                case "forecast_full_year_value" -> "Prognos " + name.toLowerCase(SwedishFormat.SWEDISH) + " (helår)";
                case "deviation_previous_year_pct" -> name + ", utfall jämfört med föregående år";
                case "budget_value" -> name + ", budget";
                default -> name;
            };
            Format format = formatFor(kpiId, units.get(kpiId), measure);
            if (MNKR_KPIS.contains(kpiId) && !measure.endsWith("_pct")) {
                name += " (mnkr)";
            }
            boolean value = measure.equals("value");
            rows.add(new Table.Row(List.of(Cell.label(name),
                    value ? Cell.figure(c.kpiFigure(kpiId, YTD, "previous_year_value", format)) : Cell.blank(),
                    value ? Cell.figure(c.kpiFigure(kpiId, YTD, "target_value", format)) : Cell.blank(),
                    Cell.figure(c.kpiFigure(kpiId, YTD, measure, format)),
                    Cell.label(value ? trendText(text(row, "trend")) : ""),
                    Cell.label(value ? c.comments.getOrDefault(kpiId, "") : "")), null));
        }
        List<Table> tables = new ArrayList<>();
        rowsByGroup.forEach((group, rows) -> {
            if (!rows.isEmpty()) {
                tables.add(new Table(group, null, header, rows));
            }
        });
        return tables;
    }

    private static String trendText(String trend) {
        return trend == null ? "" : switch (trend) {
            case "positive" -> "Positiv";
            case "negative" -> "Negativ";
            default -> "Neutral";
        };
    }

    private Section indicators(Context c) throws SQLException {
        Map<String, String> names = kpiNames();
        if (catalogue.has("dim.indicator_group")) {
            List<Table> tables = indicatorGroups(c, names);
            boolean delivered = c.kpis.keySet().stream().anyMatch(k -> k.startsWith("indicator.") && k.endsWith("/" + YTD));
            String notDelivered = delivered ? null : "Inga indikatorer levererade för perioden (vårdgaranti, 1177,"
                    + " återinskrivningar m.fl.). Leverera dem som CSV i landing/indicators/ (period;unit;indicator;"
                    + "numerator;denominator) med definitionerna i landing/reference/indicators.csv.";
            return new Section("indicators", "Indikatorer", null, List.of(), tables, List.of(),
                    c.comment("indicators", "Analys"), List.of(), notDelivered);
        }
        List<String> header = List.of("Indikator", "Utfall " + (c.year - 1), "Mål " + c.year, "Utfall " + c.year, "Trend",
                "Kommentar");
        List<Table> tables = new ArrayList<>();
        List<String> indicatorIds = c.kpis.keySet().stream().filter(k -> k.startsWith("indicator.") && k.endsWith("/" + YTD))
                .map(k -> k.substring(0, k.length() - YTD.length() - 1)).sorted().toList();
        List<Table.Row> access = new ArrayList<>();
        for (String id : indicatorIds) {
            Map<String, Object> row = c.kpi(id, YTD);
            String unit = text(row, "unit");
            access.add(indicatorRow(c, id, names.getOrDefault(id, id.substring("indicator.".length())),
                    "%".equals(indicatorUnit(id)) ? Format.percent(1) : Format.number(unit == null ? 1 : 1)));
        }
        if (c.kpi("bed_occupancy_pct", YTD) != null) {
            access.add(indicatorRow(c, "bed_occupancy_pct", "Beläggningsgrad", Format.percent(1)));
        }
        if (!access.isEmpty()) {
            tables.add(new Table("Förvaltningens verksamhet ska bedrivas med god tillgänglighet och kvalitet", null, header,
                    access));
        }
        if (c.kpi("sick_leave_pct", YTD) != null) {
            tables.add(new Table("Medarbetare stannar och utvecklas i förvaltningen", null, header,
                    List.of(indicatorRow(c, "sick_leave_pct", "Sjukfrånvaro", Format.percent(1)))));
        }
        List<Table.Row> budget = new ArrayList<>();
        if (c.kpi("result", YTD) != null) {
            budget.add(indicatorRow(c, "result", "Periodresultat (mnkr)", Format.mnkr(1)));
        }
        if (c.kpi("fte", YTD) != null) {
            budget.add(indicatorRow(c, "fte", "Årsarbete utifrån arbetade timmar", Format.number(0)));
        }
        if (c.kpi("drg_per_fte", YTD) != null) {
            budget.add(indicatorRow(c, "drg_per_fte", "DRG-poäng/årsarbetare (1 mån släp), ack", Format.number(1)));
        }
        if (c.kpi("cost_per_worked_hour", YTD) != null) {
            budget.add(indicatorRow(c, "cost_per_worked_hour", "Kostnad per arbetad timme, ack (kr)", Format.number(0)));
        }
        if (!budget.isEmpty()) {
            tables.add(new Table("Verksamheten ska bedrivas inom given ram/fastställd budget", null, header, budget));
        }
        String notDelivered = indicatorIds.isEmpty() ? "Inga indikatorer levererade för perioden (vårdgaranti, 1177,"
                + " återinskrivningar m.fl.). Leverera dem som CSV i landing/indicators/ (period;unit;indicator;numerator;"
                + "denominator) med definitionerna i landing/reference/indicators.csv." : null;
        // Without delivered indicators the section still shows the KPIs the warehouse computes itself.
        return new Section("indicators", "Indikatorer", null, List.of(), tables, List.of(),
                c.comment("indicators", "Analys"), List.of(), notDelivered);
    }

    private String indicatorUnit(String kpiId) throws SQLException {
        List<Map<String, Object>> rows = catalogue.query("SELECT unit FROM dim.kpi WHERE kpi_id = ?", kpiId);
        return rows.isEmpty() ? null : text(rows.get(0), "unit");
    }

    private Map<String, String> kpiNames() throws SQLException {
        Map<String, String> names = new HashMap<>();
        if (catalogue.has("dim.kpi")) {
            for (Map<String, Object> row : catalogue.query("SELECT kpi_id, name_sv FROM dim.kpi")) {
                names.put(text(row, "kpi_id"), text(row, "name_sv"));
            }
        }
        return names;
    }

    private static Table.Row indicatorRow(Context c, String kpiId, String name, Format format) {
        Map<String, Object> row = c.kpi(kpiId, YTD);
        String trend = row == null ? null : text(row, "trend");
        String trendText = trend == null ? "" : switch (trend) {
            case "positive" -> "Positiv";
            case "negative" -> "Negativ";
            default -> "Neutral";
        };
        String comment = c.comments.getOrDefault(kpiId, "");
        return new Table.Row(List.of(Cell.label(name), Cell.figure(c.kpiFigure(kpiId, YTD, "previous_year_value", format)),
                Cell.figure(c.kpiFigure(kpiId, YTD, "target_value", format)),
                Cell.figure(c.kpiFigure(kpiId, YTD, "value", format)), Cell.label(trendText), Cell.label(comment)), null);
    }

    // ---------------------------------------------------------------- production

    private Section production(Context c, String id, String heading, String firstColumn, String provider)
            throws SQLException {
        String view = "kpi." + id;
        String deliver = "Ingen produktion levererad för perioden. Leverera den som CSV i landing/production/"
                + " (period;unit;provider;contact_type;volume) med provider " + provider + ".";
        if (!catalogue.has(view)) {
            return missing(id, heading, deliver, c.comment(id, "Analys"));
        }
        List<Map<String, Object>> rows = catalogue.query("SELECT * FROM " + view + " WHERE period = ? AND time_window = 'ytd'"
                + " AND org_level = ? AND org_id = ? AND line_id NOT IN ('OCCUPIED_BEDS_0600', 'AVAILABLE_BEDS')"
                + " ORDER BY line_order", c.period, c.org.level(), c.org.id());
        if (rows.isEmpty()) {
            return missing(id, heading, deliver, c.comment(id, "Analys"));
        }
        boolean primaryCare = id.equals("production_primary_care");
        List<String[]> columns = primaryCare
                ? List.of(new String[] {"actual", "Ack utf Inn År"}, new String[] {"actual_previous_year", "Ack utf Fg År"},
                        new String[] {"deviation_previous_year_pct", "Ack avv Fg år %"},
                        new String[] {"actual_full_year_previous_year", "Bokslut Utf Fg år"})
                : List.of(new String[] {"actual", "Ack utf Inn År"}, new String[] {"budget", "Ack Bud Inn År"},
                        new String[] {"deviation_budget_pct", "Ack avv Bud %"},
                        new String[] {"actual_previous_year", "Ack utf Fg År"},
                        new String[] {"deviation_previous_year_pct", "Ack avv Fg år %"},
                        new String[] {"forecast_full_year", "Helår Prognos"}, new String[] {"budget_full_year", "Helår Budget"},
                        new String[] {"actual_full_year_previous_year", "Bokslut Utf Fg år"});
        List<String> header = new ArrayList<>();
        header.add(firstColumn);
        columns.forEach(col -> header.add(col[1]));
        List<Table.Row> tableRows = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            boolean ratio = "ratio".equals(text(row, "line_type"));
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.label(text(row, "line_name")));
            for (String[] col : columns) {
                Format format = col[0].endsWith("_pct") ? Format.percent(1) : Format.number(ratio ? 1 : 0);
                cells.add(Cell.figure(new Figure(text(row, "line_id"), c.org.level(), c.org.id(), c.period, YTD, col[0], view,
                        decimal(row, col[0]), format.apply(decimal(row, col[0])), false)));
            }
            String lineId = text(row, "line_id");
            tableRows.add(new Table.Row(cells, lineId.startsWith("OPERATION_") ? "of-which"
                    : "sum".equals(text(row, "line_type")) ? "subtotal" : null));
        }
        List<Chart> charts = new ArrayList<>();
        if (id.equals("production_own")) {
            productionChart(c, view).ifPresent(charts::add);
        }
        return section(id, heading, null, List.of(), List.of(new Table(null, "Ackumulerat januari–" + c.month + ", antal",
                header, tableRows)), charts, c.comment(id, "Analys"), List.of());
    }

    private Optional<Chart> productionChart(Context c, String view) throws SQLException {
        Map<Integer, Figure> now = new TreeMap<>();
        Map<Integer, Figure> before = new TreeMap<>();
        for (Map<String, Object> row : catalogue.query("SELECT period, actual, actual_previous_year FROM " + view
                + " WHERE time_window = 'month' AND org_level = ? AND org_id = ? AND line_id = 'DOCTOR_VISIT'"
                + " AND period BETWEEN ? AND ? ORDER BY period", c.org.level(), c.org.id(), c.year * 100 + 1, c.period)) {
            int p = integer(row, "period");
            BigDecimal actual = decimal(row, "actual");
            BigDecimal previous = decimal(row, "actual_previous_year");
            now.put(p % 100, new Figure("DOCTOR_VISIT", c.org.level(), c.org.id(), p, MONTH, "actual", view, actual,
                    SwedishFormat.number(actual, 0), false));
            before.put(p % 100, new Figure("DOCTOR_VISIT", c.org.level(), c.org.id(), p, MONTH, "actual_previous_year", view, previous,
                    SwedishFormat.number(previous, 0), false));
        }
        SvgChart chart = new SvgChart("chart-production_own", "Antal läkarbesök").series(String.valueOf(c.year), Style.BAR_DARK, now)
                .series(String.valueOf(c.year - 1), Style.LINE_DASHED, before);
        if (now.isEmpty() || chart.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Chart("Läkarbesök per månad, egen produktion, jämfört med föregående år", chart.svg(false)));
    }

    // ---------------------------------------------------------------- action plan

    private Section actionPlan(Context c) throws SQLException {
        String heading = "Ekonomisk effekthemtagning " + c.year;
        String deliver = "Inga åtgärdsplaner levererade. Leverera dem som CSV i landing/actions/ (period;action_id;action;"
                + "org_id;responsible;timeline;category;planned_annual_effect;realised_effect;comment).";
        if (!catalogue.has("kpi.action_plan")) {
            return missing("action_plan", heading, deliver, c.comment("action_plan", "Analys"));
        }
        String orgFilter = switch (c.org.level()) {
            case "total" -> "";
            case "area" -> " AND (a.org_id = ? OR a.org_id IN (SELECT unit_id FROM dim.org_unit WHERE area_id = ?"
                    + " AND valid_from <= make_date(?, ?, 1) AND (valid_to IS NULL OR valid_to >= make_date(?, ?, 1))))";
            default -> " AND a.org_id = ?";
        };
        List<Object> parameters = new ArrayList<>(List.of(c.period));
        if (c.org.level().equals("area")) {
            parameters.addAll(List.of(c.org.id(), c.org.id(), c.year, c.period % 100, c.year, c.period % 100));
        } else if (c.org.level().equals("unit")) {
            parameters.add(c.org.id());
        }
        List<Map<String, Object>> rows = catalogue.query("SELECT a.* FROM kpi.action_plan AS a WHERE a.period = ?" + orgFilter
                + " ORDER BY CASE a.category WHEN 'BUDGET' THEN 0 ELSE 1 END, a.action_id", parameters.toArray());
        if (rows.isEmpty()) {
            return missing("action_plan", heading, deliver, c.comment("action_plan", "Analys"));
        }
        List<String> header = List.of("Aktivitet/projekt", "Tidplan", "Ansvarig", "Beräknad årseffekt (mnkr)",
                "Realiserad effekt ack " + c.month + " (mnkr)", "Kommentar");
        Map<String, Map<String, Object>> subtotals = new HashMap<>();
        if (catalogue.has("kpi.action_plan_totals")) {
            for (Map<String, Object> row : catalogue.query("SELECT * FROM kpi.action_plan_totals WHERE period = ?"
                    + " AND org_level = ? AND org_id = ?", c.period, c.org.level(), c.org.id())) {
                subtotals.put(text(row, "category"), row);
            }
        }
        List<Table.Row> tableRows = new ArrayList<>();
        String category = null;
        for (Map<String, Object> row : rows) {
            String rowCategory = text(row, "category");
            if (!rowCategory.equals(category)) {
                if (category != null) {
                    actionSubtotal(c, category, subtotals.get(category)).ifPresent(tableRows::add);
                }
                category = rowCategory;
                tableRows.add(new Table.Row(List.of(Cell.label("BUDGET".equals(category) ? "Del av budget " + c.year
                        : "Aktiviteter utöver budget " + c.year), Cell.blank(), Cell.blank(), Cell.blank(), Cell.blank(),
                        Cell.blank()), "group"));
            }
            String actionId = text(row, "action_id");
            String org = text(row, "org_id");
            BigDecimal planned = decimal(row, "planned_annual_effect");
            BigDecimal realised = decimal(row, "realised_effect_ytd");
            tableRows.add(new Table.Row(List.of(Cell.label(text(row, "action")), Cell.label(nullToEmpty(text(row, "timeline"))),
                    Cell.label(nullToEmpty(text(row, "responsible"))),
                    Cell.figure(new Figure(actionId, null, org, c.period, YTD, "planned_annual_effect", "kpi.action_plan", planned,
                            SwedishFormat.mnkr(planned, 1), false)),
                    Cell.figure(new Figure(actionId, null, org, c.period, YTD, "realised_effect_ytd", "kpi.action_plan", realised,
                            SwedishFormat.mnkr(realised, 1), false)),
                    Cell.label(nullToEmpty(text(row, "comment")))), null));
        }
        actionSubtotal(c, category, subtotals.get(category)).ifPresent(tableRows::add);
        if (c.kpi("action_plan_planned_effect", YTD) != null || c.kpi("action_plan_realised_effect", YTD) != null) {
            tableRows.add(new Table.Row(List.of(Cell.label("Summa " + c.year), Cell.blank(), Cell.blank(),
                    Cell.figure(c.kpiFigure("action_plan_planned_effect", YTD, "value", Format.mnkr(1))),
                    Cell.figure(c.kpiFigure("action_plan_realised_effect", YTD, "value", Format.mnkr(1))), Cell.blank()),
                    "sum"));
        }
        return section("action_plan", heading, null, List.of(), List.of(new Table(null, "Belopp i mnkr", header, tableRows)),
                List.of(), c.comment("action_plan", "Analys"), List.of());
    }

    /** The seed's "Summa budget 2024" / "Summa utöver budget 2024" row of a category (kpi.action_plan_totals). */
    private static Optional<Table.Row> actionSubtotal(Context c, String category, Map<String, Object> totals) {
        if (totals == null) {
            return Optional.empty();
        }
        String view = "kpi.action_plan_totals";
        BigDecimal planned = decimal(totals, "planned_annual_effect");
        BigDecimal realised = decimal(totals, "realised_effect_ytd");
        return Optional.of(new Table.Row(List.of(Cell.label(("BUDGET".equals(category) ? "Summa budget " : "Summa utöver budget ")
                + c.year), Cell.blank(), Cell.blank(),
                Cell.figure(new Figure(category, c.org.level(), c.org.id(), c.period, YTD, "planned_annual_effect", view, planned,
                        SwedishFormat.mnkr(planned, 1), false)),
                Cell.figure(new Figure(category, c.org.level(), c.org.id(), c.period, YTD, "realised_effect_ytd", view, realised,
                        SwedishFormat.mnkr(realised, 1), false)), Cell.blank()), "subtotal"));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    // ---------------------------------------------------------------- worked time

    private static final Map<String, String> PROFESSIONS = new LinkedHashMap<>();

    static {
        PROFESSIONS.put("DOCTOR", "Läkare");
        PROFESSIONS.put("NURSE", "Sjuksköterskor");
        PROFESSIONS.put("ASSISTANT_NURSE", "Undersköterskor");
        PROFESSIONS.put("MANAGEMENT", "Ledningspersonal");
        PROFESSIONS.put("ADMINISTRATION", "Administration");
        PROFESSIONS.put("OTHER", "Övriga yrkesgrupper");
    }

    private Section workedTime(Context c) throws SQLException {
        String heading = "Arbetad tid och antal anställda";
        String deliver = "Ingen HR-data levererad för perioden. Leverera tidsdata som CSV i landing/hr/"
                + " (date;employee_id;cost_center;staff_category;profession;gender;birth_year;hour_type;hours).";
        List<Map<String, Object>> cached = prefetchedRows("kpi.worked_time", c.org, c.period);
        List<Map<String, Object>> rows = cached != null ? cached
                : catalogue.has("kpi.worked_time") ? catalogue.query("SELECT * FROM kpi.worked_time"
                + " WHERE period = ? AND time_window = 'ytd' AND org_level = ? AND org_id = ? ORDER BY line_order", c.period,
                c.org.level(), c.org.id()) : List.of();
        if (rows.isEmpty()) {
            return missing("worked_time", heading, deliver, c.comment("worked_time", "Analys"));
        }
        String view = "kpi.worked_time";
        boolean anySuppressed = false;
        List<Table.Row> tableRows = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String lineId = text(row, "line_id");
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.label(text(row, "line_name")));
            boolean actualSuppressed = bool(row, "suppressed");
            boolean previousSuppressed = bool(row, "suppressed_previous_year");
            for (String column : List.of("actual", "previous_year", "change", "change_pct")) {
                BigDecimal value = decimal(row, column);
                boolean suppressed = value == null && switch (column) {
                    case "actual" -> actualSuppressed;
                    case "previous_year" -> previousSuppressed;
                    default -> actualSuppressed || previousSuppressed;
                };
                anySuppressed |= suppressed;
                String shown = suppressed ? "*" : column.equals("change_pct") ? Format.percent(1).apply(value)
                        : SwedishFormat.number(value, 0);
                cells.add(Cell.figure(new Figure(lineId, c.org.level(), c.org.id(), c.period, YTD, column, view, value, shown,
                        suppressed)));
            }
            tableRows.add(new Table.Row(cells, lineId.startsWith("worked_") || lineId.equals("fte") ? "subtotal" : null));
        }
        List<Table> tables = new ArrayList<>();
        List<String> header = List.of("Arbetad tid (timmar)", String.valueOf(c.year), String.valueOf(c.year - 1), "Förändring",
                "Förändring %");
        tables.add(new Table("Arbetad tid, ackumulerat januari–" + c.month, null, header, tableRows));
        List<Table.Row> staff = new ArrayList<>();
        if (c.kpi("headcount", YTD) != null) {
            staff.add(new Table.Row(List.of(Cell.label("Antal anställda inklusive inhyrd personal"),
                    Cell.figure(c.kpiFigure("headcount", YTD, "value", Format.number(0))),
                    Cell.figure(c.kpiFigure("headcount", YTD, "previous_year_value", Format.number(0))),
                    Cell.figure(c.kpiFigure("headcount", YTD, "deviation_previous_year_pct", Format.percent(1)))), "subtotal"));
        }
        for (Map.Entry<String, String> profession : PROFESSIONS.entrySet()) {
            String kpiId = "fte." + profession.getKey();
            if (c.kpi(kpiId, YTD) != null) {
                staff.add(new Table.Row(List.of(Cell.label("Årsarbetare " + profession.getValue().toLowerCase(
                        SwedishFormat.SWEDISH)), Cell.figure(c.kpiFigure(kpiId, YTD, "value", Format.number(0))),
                        Cell.figure(c.kpiFigure(kpiId, YTD, "previous_year_value", Format.number(0))),
                        Cell.figure(c.kpiFigure(kpiId, YTD, "deviation_previous_year_pct", Format.percent(1)))), null));
            }
        }
        for (Table.Row row : staff) {
            for (Cell cell : row.cells()) {
                anySuppressed |= cell.figure() != null && cell.figure().suppressed();
            }
        }
        if (!staff.isEmpty()) {
            tables.add(new Table("Antal anställda och årsarbetare per yrkesgrupp", null,
                    List.of("", String.valueOf(c.year), String.valueOf(c.year - 1), "Förändring %"), staff));
        }
        List<Chart> charts = new ArrayList<>();
        fteChart(c).ifPresent(charts::add);
        return section("worked_time", heading, null, List.of(), tables, charts, c.comment("worked_time", "Analys"),
                anySuppressed ? List.of(SUPPRESSED_FOOTNOTE) : List.of());
    }

    private Optional<Chart> fteChart(Context c) throws SQLException {
        Map<Integer, Figure> now = new TreeMap<>();
        Map<Integer, Figure> before = new TreeMap<>();
        for (Map<String, Object> row : monthly(c, "fte", c.year * 100 + 1)) {
            int p = integer(row, "period");
            now.put(p % 100, new Figure("fte", c.org.level(), c.org.id(), p, MONTH, "value", null, decimal(row, "value"),
                    SwedishFormat.number(decimal(row, "value"), 0), false));
            before.put(p % 100, new Figure("fte", c.org.level(), c.org.id(), p, MONTH, "previous_year_value", null,
                    decimal(row, "previous_year_value"), SwedishFormat.number(decimal(row, "previous_year_value"), 0), false));
        }
        SvgChart chart = new SvgChart("chart-worked_time", "Årsarbetare").series(String.valueOf(c.year), Style.LINE_SOLID, now)
                .series(String.valueOf(c.year - 1), Style.LINE_DASHED, before);
        return now.isEmpty() || chart.isEmpty() ? Optional.empty()
                : Optional.of(new Chart("Årsarbetare per månad utifrån arbetad tid", chart.svg(false)));
    }

    private List<Map<String, Object>> monthly(Context c, String kpiId, int from) throws SQLException {
        List<Map<String, Object>> cached = prefetchedRows("month:" + kpiId, c.org, c.period);
        if (cached != null) {
            return cached.stream().filter(r -> integer(r, "period") >= from).toList();
        }
        return catalogue.query("SELECT * FROM kpi.kpi_values WHERE kpi_id = ? AND time_window = 'month' AND org_level = ?"
                + " AND org_id = ? AND period BETWEEN ? AND ? ORDER BY period", kpiId, c.org.level(), c.org.id(), from,
                c.period);
    }

    // ---------------------------------------------------------------- sick leave

    private Section sickLeave(Context c) throws SQLException {
        String heading = "Sjukfrånvaro";
        String deliver = "Ingen sjukfrånvaro levererad för perioden. Leverera tidsdata med hour_type SICK och SCHEDULED"
                + " som CSV i landing/hr/.";
        List<Map<String, Object>> cached = prefetchedRows("kpi.sick_leave", c.org, c.period);
        List<Map<String, Object>> rows = cached != null ? cached
                : catalogue.has("kpi.sick_leave") ? catalogue.query("SELECT * FROM kpi.sick_leave"
                + " WHERE period = ? AND time_window = 'ytd' AND org_level = ? AND org_id = ? ORDER BY line_order", c.period,
                c.org.level(), c.org.id()) : List.of();
        if (rows.isEmpty()) {
            return missing("sick_leave", heading, deliver, c.comment("sick_leave", "Analys"));
        }
        String view = "kpi.sick_leave";
        boolean anySuppressed = false;
        List<Table.Row> tableRows = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String lineId = text(row, "line_id");
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.label(text(row, "line_name")));
            for (String[] col : new String[][] {{"value_two_years_earlier", "suppressed_two_years_earlier"},
                    {"value_previous_year", "suppressed_previous_year"}, {"value", "suppressed"}}) {
                BigDecimal value = decimal(row, col[0]);
                boolean suppressed = bool(row, col[1]);
                anySuppressed |= suppressed;
                cells.add(Cell.figure(new Figure(lineId, c.org.level(), c.org.id(), c.period, YTD, col[0], view, value,
                        suppressed ? "*" : Format.percent(1).apply(value), suppressed)));
            }
            tableRows.add(new Table.Row(cells, lineId.equals("sick_leave_pct") ? "subtotal" : null));
        }
        List<String> footnotes = anySuppressed ? List.of(SUPPRESSED_FOOTNOTE) : List.of();
        List<Chart> charts = new ArrayList<>();
        sickLeaveChart(c).ifPresent(charts::add);
        return section("sick_leave", heading, null, List.of(), List.of(new Table("Ackumulerad sjukfrånvaro – " + c.month,
                "Egen personal, procent av schemalagd tid", List.of("", String.valueOf(c.year - 2),
                        String.valueOf(c.year - 1), String.valueOf(c.year)), tableRows)), charts,
                c.comment("sick_leave", "Analys"), footnotes);
    }

    private Optional<Chart> sickLeaveChart(Context c) throws SQLException {
        Map<Integer, Map<Integer, Figure>> byYear = new TreeMap<>();
        for (int y = c.year - 2; y <= c.year; y++) {
            byYear.put(y, new TreeMap<>());
        }
        for (Map<String, Object> row : monthly(c, "sick_leave_pct", (c.year - 2) * 100 + 1)) {
            int p = integer(row, "period");
            BigDecimal value = decimal(row, "value");
            byYear.get(p / 100).put(p % 100, new Figure("sick_leave_pct", c.org.level(), c.org.id(), p, MONTH, "value", null, value,
                    value == null ? "*" : Format.percent(1).apply(value), value == null && bool(row, "suppressed")));
        }
        SvgChart chart = new SvgChart("chart-sick_leave", "Sjukfrånvaro, %");
        Style[] styles = {Style.LINE_DOTTED, Style.LINE_DASHED, Style.LINE_SOLID};
        int i = 0;
        for (Map.Entry<Integer, Map<Integer, Figure>> year : byYear.entrySet()) {
            chart.series(String.valueOf(year.getKey()), styles[i++], year.getValue());
        }
        return chart.isEmpty() ? Optional.empty()
                : Optional.of(new Chart("Sjukfrånvaro per månad, tre år", chart.svg(false)));
    }

    // ---------------------------------------------------------------- income statement

    private Section incomeStatement(Context c) throws SQLException {
        String heading = "Ekonomi – Periodens resultat";
        String deliver = "Inget huvudboksutfall levererat för perioden. Leverera huvudboksutdrag som CSV eller SIE i"
                + " landing/ledger/.";
        List<Map<String, Object>> rows = catalogue.has("kpi.income_statement") ? catalogue.query("SELECT * FROM"
                + " kpi.income_statement WHERE period = ? AND time_window = 'ytd' AND org_level = ? AND org_id = ?"
                + " ORDER BY line_order", c.period, c.org.level(), c.org.id()) : List.of();
        if (rows.isEmpty()) {
            return missing("income_statement", heading, deliver, c.comment("income_statement", "Analys"));
        }
        String view = "kpi.income_statement";
        String monthTitle = SwedishFormat.monthNameCapitalised(c.period);
        List<String[]> columns = List.of(new String[] {"actual_previous_year", monthTitle + " " + (c.year - 1)},
                new String[] {"actual", monthTitle + " " + c.year}, new String[] {"budget", "Budget ack " + c.year},
                new String[] {"budget_full_year", "Budget " + c.year}, new String[] {"forecast_full_year", "Prognos " + c.year},
                new String[] {"actual_full_year_previous_year", "Bokslut " + (c.year - 1)});
        List<String> header = new ArrayList<>();
        header.add("");
        columns.forEach(col -> header.add(col[1]));
        List<Table.Row> tableRows = new ArrayList<>();
        BigDecimal result = null;
        for (Map<String, Object> row : rows) {
            String lineId = text(row, "line_id");
            String type = switch (lineId) {
                case "SUM_REVENUE", "SUM_COST" -> "sum";
                case "RESULT" -> "result";
                default -> lineId.startsWith("OF_WHICH_") ? "of_which" : "line";
            };
            if ("result".equals(type)) {
                result = decimal(row, "actual");
            }
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.label(text(row, "line_name")));
            for (String[] col : columns) {
                BigDecimal value = decimal(row, col[0]);
                cells.add(Cell.figure(new Figure(lineId, c.org.level(), c.org.id(), c.period, YTD, col[0], view, value,
                        SwedishFormat.mnkr(value, c.mnkrDecimals), false)));
            }
            tableRows.add(new Table.Row(cells, switch (type) {
                case "sum", "result" -> "sum";
                case "of_which" -> "of-which";
                default -> null;
            }));
        }
        String lead = result == null ? null : "Ackumulerat resultat " + SwedishFormat.mnkr(result, c.mnkrDecimals) + " mnkr";
        List<Chart> charts = new ArrayList<>();
        resultChart(c).ifPresent(charts::add);
        return section("income_statement", heading, lead, List.of(), List.of(new Table("Resultaträkning", "Belopp i mnkr",
                header, tableRows)), charts, c.comment("income_statement", "Analys"), List.of());
    }

    private Optional<Chart> resultChart(Context c) throws SQLException {
        Map<Integer, Figure> actual = new TreeMap<>();
        Map<Integer, Figure> budget = new TreeMap<>();
        for (Map<String, Object> row : monthly(c, "result", c.year * 100 + 1)) {
            int p = integer(row, "period");
            actual.put(p % 100, new Figure("result", c.org.level(), c.org.id(), p, MONTH, "value", null, decimal(row, "value"),
                    SwedishFormat.mnkr(decimal(row, "value"), 1) + " mnkr", false));
            if (decimal(row, "budget_value") != null) {
                budget.put(p % 100, new Figure("result", c.org.level(), c.org.id(), p, MONTH, "budget_value", null,
                        decimal(row, "budget_value"), SwedishFormat.mnkr(decimal(row, "budget_value"), 1) + " mnkr", false));
            }
        }
        SvgChart chart = new SvgChart("chart-income_statement", "mnkr").series("Utfall " + c.year, Style.BAR_DARK, actual)
                .series("Budget " + c.year, Style.LINE_DASHED, budget);
        return actual.isEmpty() || chart.isEmpty() ? Optional.empty()
                : Optional.of(new Chart("Resultat per månad mot budget", chart.svg(true)));
    }

    // ---------------------------------------------------------------- cost development

    private Section costDevelopment(Context c) {
        String heading = "Ekonomi – Kostnadsutveckling";
        if (c.kpi("cost", YTD) == null) {
            return missing("cost_development", heading, "Inga kostnader levererade för perioden. Leverera huvudboksutdrag"
                    + " som CSV eller SIE i landing/ledger/.", c.comment("cost_development", "Analys"));
        }
        List<String> header = List.of("", "Ack " + c.month + " " + c.year, "Ack " + c.month + " " + (c.year - 1),
                "Förändring %");
        List<Table.Row> rows = new ArrayList<>();
        for (String[] kpi : new String[][] {{"cost", "Bruttokostnader (mnkr)"}, {"personnel_cost", "Personalkostnader (mnkr)"},
                {"agency_cost", "varav externt inhyrd personal (mnkr)"}, {"revenue", "Intäkter (mnkr)"}}) {
            if (c.kpi(kpi[0], YTD) != null) {
                rows.add(new Table.Row(List.of(Cell.label(kpi[1]),
                        Cell.figure(c.kpiFigure(kpi[0], YTD, "value", Format.mnkr(1))),
                        Cell.figure(c.kpiFigure(kpi[0], YTD, "previous_year_value", Format.mnkr(1))),
                        Cell.figure(c.kpiFigure(kpi[0], YTD, "deviation_previous_year_pct", Format.percent(1)))),
                        kpi[0].equals("agency_cost") ? "of-which" : null));
            }
        }
        for (String[] kpi : new String[][] {{"gross_cost_development_pct", "Bruttokostnadsutveckling"},
                {"net_cost_development_pct", "Nettokostnadsutveckling"}}) {
            if (c.kpi(kpi[0], YTD) != null) {
                rows.add(new Table.Row(List.of(Cell.label(kpi[1]),
                        Cell.figure(c.kpiFigure(kpi[0], YTD, "value", Format.percent(1))),
                        Cell.figure(c.kpiFigure(kpi[0], YTD, "previous_year_value", Format.percent(1))), Cell.blank()),
                        "sum"));
            }
        }
        BigDecimal gross = c.value("gross_cost_development_pct", YTD, "value");
        String lead = gross == null ? "Bruttokostnadsutveckling: ingen jämförelse med föregående år."
                : "Bruttokostnadsutveckling " + SwedishFormat.number(gross, 1) + " %";
        return section("cost_development", heading, lead, List.of(), List.of(new Table(null, null, header, rows)), List.of(),
                c.comment("cost_development", "Analys"), List.of());
    }

    // ---------------------------------------------------------------- areas

    private Section areas(Context c) throws SQLException {
        String heading = "Ekonomi – Utveckling resultatområden";
        if (c.org.level().equals("unit")) {
            return missing("areas", heading, "Enheten redovisas i sitt områdes rapport; resultatområden visas för hela"
                    + " förvaltningen och per område.", c.comment("areas", "Analys"));
        }
        int firstDay = c.period;
        List<Map<String, Object>> units = catalogue.query("SELECT DISTINCT u.area_id, u.unit_id, u.unit_name FROM"
                + " dim.org_unit AS u WHERE u.valid_from <= make_date(?, ?, 1) AND (u.valid_to IS NULL OR u.valid_to >="
                + " make_date(?, ?, 1))" + (c.org.level().equals("area") ? " AND u.area_id = ?" : "")
                + " ORDER BY u.area_id, u.unit_id", areaParameters(c, firstDay));
        Map<String, Map<String, Object>> unitValues = resultsByOrg(c, "unit");
        Map<String, Map<String, Object>> areaValues = resultsByOrg(c, "area");
        List<String> areaOrder = new ArrayList<>();
        Map<String, List<Map<String, Object>>> unitsByArea = new LinkedHashMap<>();
        for (Map<String, Object> u : units) {
            String area = text(u, "area_id");
            if (!unitsByArea.containsKey(area)) {
                areaOrder.add(area);
            }
            unitsByArea.computeIfAbsent(area, k -> new ArrayList<>()).add(u);
        }
        if (c.org.level().equals("total") && areaValues.containsKey("UNMAPPED") && !areaOrder.contains("UNMAPPED")) {
            areaOrder.add("UNMAPPED");
        }
        int y = c.year;
        List<String> header = List.of("Område", "Verksamheter", "Bokslut " + (y - 2), "Bokslut " + (y - 1),
                "Ack utfall " + SwedishFormat.monthNameCapitalised(c.period), "Budget ack", "Prognos " + y);
        List<Table.Row> rows = new ArrayList<>();
        for (String area : areaOrder) {
            Map<String, Object> areaRow = areaValues.get(area);
            String areaName = areaRow == null ? area : text(areaRow, "org_name");
            boolean first = true;
            for (Map<String, Object> u : unitsByArea.getOrDefault(area, List.of())) {
                String unitId = text(u, "unit_id");
                if (!unitValues.containsKey(unitId)) {
                    continue;
                }
                rows.add(areaRow(c, first ? areaName : "", text(u, "unit_name"), "unit", unitId, unitValues.get(unitId),
                        null));
                first = false;
            }
            if (areaRow != null) {
                rows.add(areaRow(c, "Summa " + areaName, "", "area", area, areaRow, "sum"));
            }
        }
        if (c.org.level().equals("total")) {
            Map<String, Map<String, Object>> total = resultsByOrg(c, "total");
            if (total.containsKey("TOTAL")) {
                rows.add(areaRow(c, c.org.name(), "", "total", "TOTAL", total.get("TOTAL"), "sum"));
            }
        }
        if (rows.isEmpty()) {
            return missing("areas", heading, "Inget resultat per område för perioden. Leverera huvudboksutdrag i"
                    + " landing/ledger/ och organisationen i landing/reference/org_units.csv.", c.comment("areas", "Analys"));
        }
        return section("areas", heading, null, List.of(), List.of(new Table("Utveckling resultatområden", "Belopp i mnkr",
                header, rows)), List.of(), c.comment("areas", "Analys"), List.of());
    }

    private static Object[] areaParameters(Context c, int period) {
        List<Object> p = new ArrayList<>(List.of(period / 100, period % 100, period / 100, period % 100));
        if (c.org.level().equals("area")) {
            p.add(c.org.id());
        }
        return p.toArray();
    }

    /**
     * Result ytd per org of a level: at the period (value, budget_value, forecast) and at the two previous
     * Decembers (bokslut), keyed by org id. The forecast is forecast_full_year_value where the catalogue has it,
     * else the income statement's full-year forecast of the result line.
     */
    private Map<String, Map<String, Object>> resultsByOrg(Context c, String level) throws SQLException {
        String forecast = c.hasForecastColumn ? "COALESCE(k.forecast_full_year_value, s.forecast_full_year)"
                : "s.forecast_full_year";
        String forecastSource = c.hasForecastColumn ? "CASE WHEN k.forecast_full_year_value IS NOT NULL THEN 'kpi'"
                + " WHEN s.forecast_full_year IS NOT NULL THEN 'statement' END" : "CASE WHEN s.forecast_full_year IS NOT NULL"
                + " THEN 'statement' END";
        String sql = "SELECT k.org_id, k.org_name, k.value, k.budget_value, " + forecast + " AS forecast, " + forecastSource
                + " AS forecast_source, b1.value AS closing_1, b2.value AS closing_2"
                + " FROM kpi.kpi_values AS k"
                + " LEFT JOIN kpi.income_statement AS s ON s.period = k.period AND s.time_window = 'ytd'"
                + " AND s.org_level = k.org_level AND s.org_id = k.org_id AND s.line_id = 'RESULT'"
                + " LEFT JOIN kpi.kpi_values AS b1 ON b1.kpi_id = 'result' AND b1.period = ? AND b1.time_window = 'ytd'"
                + " AND b1.org_level = k.org_level AND b1.org_id = k.org_id"
                + " LEFT JOIN kpi.kpi_values AS b2 ON b2.kpi_id = 'result' AND b2.period = ? AND b2.time_window = 'ytd'"
                + " AND b2.org_level = k.org_level AND b2.org_id = k.org_id"
                + " WHERE k.kpi_id = 'result' AND k.period = ? AND k.time_window = 'ytd' AND k.org_level = ?";
        Map<String, Map<String, Object>> byOrg = new LinkedHashMap<>();
        for (Map<String, Object> row : catalogue.query(sql, (c.year - 1) * 100 + 12, (c.year - 2) * 100 + 12, c.period,
                level)) {
            byOrg.put(text(row, "org_id"), row);
        }
        return byOrg;
    }

    private static Table.Row areaRow(Context c, String area, String unit, String level, String orgId,
            Map<String, Object> row, String css) {
        int y = c.year;
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.label(area));
        cells.add(Cell.label(unit));
        // A closing year without a row for this org (not yet loaded, or the org did not exist) is a blank cell.
        for (int back = 2; back >= 1; back--) {
            BigDecimal closing = decimal(row, "closing_" + back);
            cells.add(closing == null ? Cell.blank() : Cell.figure(new Figure("result", level, orgId, (y - back) * 100 + 12, YTD,
                    "value", null, closing, SwedishFormat.mnkr(closing, 1), false)));
        }
        cells.add(Cell.figure(new Figure("result", level, orgId, c.period, YTD, "value", null, decimal(row, "value"),
                SwedishFormat.mnkr(decimal(row, "value"), 1), false)));
        cells.add(Cell.figure(new Figure("result", level, orgId, c.period, YTD, "budget_value", null, decimal(row, "budget_value"),
                SwedishFormat.mnkr(decimal(row, "budget_value"), 1), false)));
        BigDecimal forecast = decimal(row, "forecast");
        boolean fromKpi = "kpi".equals(text(row, "forecast_source"));
        cells.add(Cell.figure(fromKpi
                ? new Figure("result", level, orgId, c.period, YTD, "forecast_full_year_value", null, forecast,
                        SwedishFormat.mnkr(forecast, 1), false)
                : new Figure("RESULT", level, orgId, c.period, YTD, "forecast_full_year", "kpi.income_statement", forecast,
                        SwedishFormat.mnkr(forecast, 1), false)));
        return new Table.Row(cells, css);
    }

    // ---------------------------------------------------------------- data quality

    private Section dataQuality(Context c) throws SQLException {
        String heading = "Datakvalitet";
        List<Map<String, Object>> findings = catalogue.has("meta.data_quality") ? catalogue.query("SELECT * FROM"
                + " meta.data_quality ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, check_id, subject") : List.of();
        long quarantined = catalogue.has("meta.quarantine")
                ? ((Number) catalogue.query("SELECT count(*) AS n FROM meta.quarantine").get(0).get("n")).longValue() : 0;
        String lead = "Rader i karantän: " + SwedishFormat.number(BigDecimal.valueOf(quarantined), 0)
                + " (meta.quarantine). Kontrollerna gäller hela den publicerade laddningen, inte bara "
                + (c.org.level().equals("total") ? "förvaltningen" : c.org.name()) + ".";
        if (findings.isEmpty()) {
            return new Section("data_quality", heading, lead, List.of(), List.of(), List.of(),
                    c.comment("data_quality", "Analys"), List.of(), "Inga anmärkningar på datakvaliteten (meta.data_quality).");
        }
        List<Table.Row> rows = new ArrayList<>();
        for (Map<String, Object> f : findings) {
            rows.add(new Table.Row(List.of(Cell.label("error".equals(text(f, "severity")) ? "Fel" : "Varning"),
                    Cell.label(text(f, "check_id")), Cell.label(nullToEmpty(text(f, "subject"))),
                    Cell.label(nullToEmpty(text(f, "detail")))), null));
        }
        return section("data_quality", heading, lead, List.of(), List.of(new Table("Anmärkningar (meta.data_quality)", null,
                List.of("Allvarlighet", "Kontroll", "Gäller", "Beskrivning"), rows)), List.of(),
                c.comment("data_quality", "Analys"), List.of());
    }
}
