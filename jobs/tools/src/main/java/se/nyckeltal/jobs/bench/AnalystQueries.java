package se.nyckeltal.jobs.bench;

import static se.nyckeltal.jobs.bench.QueryGroup.KPI_LOOKUP;
import static se.nyckeltal.jobs.bench.QueryGroup.REPORT;

import java.util.List;

/**
 * The typical analyst queries the benchmark times: the questions of docs/analysts.md, docs/power-bi.md
 * and the README, with their parameters taken from a {@link CatalogueSample}. The first seven are
 * {@code kpi.kpi_values} lookups (target p95 ≤ 50 ms); the rest are the månadsrapport's tables, a
 * scan of the production fact, and the Power BI import of the whole KPI table.
 */
public final class AnalystQueries {
    private AnalystQueries() {}

    public static List<AnalystQuery> typical(CatalogueSample s) {
        int p = s.period();
        return List.of(
                new AnalystQuery("kpi_unit_value", KPI_LOOKUP,
                        "one KPI of one unit in one period (ytd) with its comparisons",
                        "SELECT kpi_id, period, org_id, org_name, value, budget_value, previous_year_value, target_value,"
                                + " deviation_budget_pct, deviation_previous_year_pct, trend FROM kpi.kpi_values"
                                + " WHERE kpi_id = ? AND period = ? AND time_window = 'ytd' AND org_level = 'unit'"
                                + " AND org_id = ?",
                        List.of(s.kpiId(), p, s.unitId())),
                new AnalystQuery("kpi_area_all", KPI_LOOKUP,
                        "every KPI of one area in one period (ytd), with the KPIs' Swedish names",
                        "SELECT k.name_sv, v.kpi_id, v.value, v.budget_value, v.previous_year_value,"
                                + " v.deviation_previous_year_pct, v.trend, k.unit FROM kpi.kpi_values AS v"
                                + " JOIN dim.kpi AS k USING (kpi_id) WHERE v.period = ? AND v.time_window = 'ytd'"
                                + " AND v.org_level = 'area' AND v.org_id = ? ORDER BY v.kpi_id",
                        List.of(p, s.areaId())),
                new AnalystQuery("kpi_region_series", KPI_LOOKUP,
                        "one KPI's monthly series for the whole region over the last twelve months",
                        "SELECT period, value, budget_value, previous_year_value FROM kpi.kpi_values"
                                + " WHERE kpi_id = ? AND time_window = 'month' AND org_level = 'total'"
                                + " AND period BETWEEN ? AND ? ORDER BY period",
                        List.of(s.kpiId(), s.yearEarlierPeriod(), p)),
                new AnalystQuery("kpi_top_units", KPI_LOOKUP,
                        "the ten units with the highest value of one KPI in one period (ytd)",
                        "SELECT org_id, org_name, value, previous_year_value FROM kpi.kpi_values"
                                + " WHERE kpi_id = ? AND period = ? AND time_window = 'ytd' AND org_level = 'unit'"
                                + " AND value IS NOT NULL ORDER BY value DESC, org_id LIMIT 10",
                        List.of(s.kpiId(), p)),
                new AnalystQuery("kpi_bottom_units", KPI_LOOKUP,
                        "the ten units with the lowest value of one KPI in one period (month)",
                        "SELECT org_id, org_name, value, previous_year_value FROM kpi.kpi_values"
                                + " WHERE kpi_id = ? AND period = ? AND time_window = 'month' AND org_level = 'unit'"
                                + " AND value IS NOT NULL ORDER BY value, org_id LIMIT 10",
                        List.of(s.kpiId(), p)),
                new AnalystQuery("kpi_region_overview", KPI_LOOKUP,
                        "every KPI of the whole region in one period (ytd), as the README's psql example",
                        "SELECT kpi_id, value, previous_year_value, trend FROM kpi.kpi_values WHERE period = ?"
                                + " AND time_window = 'ytd' AND org_level = 'total' ORDER BY kpi_id",
                        List.of(p)),
                new AnalystQuery("kpi_areas_latest", KPI_LOOKUP,
                        "one KPI for every area in its latest period (ytd), as docs/power-bi.md's example",
                        "SELECT org_name, value, budget_value, deviation_budget_pct FROM kpi.kpi_values"
                                + " WHERE kpi_id = ? AND time_window = 'ytd' AND org_level = 'area'"
                                + " AND period = (SELECT max(period) FROM kpi.kpi_values WHERE kpi_id = ?) ORDER BY org_id",
                        List.of(s.kpiId(), s.kpiId())),
                new AnalystQuery("income_statement_area", REPORT,
                        "the resultaträkning of one area (ytd)",
                        "SELECT line_name, actual, actual_previous_year, budget, budget_full_year, forecast_full_year,"
                                + " actual_full_year_previous_year FROM kpi.income_statement WHERE period = ?"
                                + " AND time_window = 'ytd' AND org_level = 'area' AND org_id = ? ORDER BY line_order",
                        List.of(p, s.areaId())),
                new AnalystQuery("production_own_total", REPORT,
                        "the Produktionsdata table of own production for the whole region (ytd)",
                        "SELECT line_name, actual, budget, deviation_budget_pct, actual_previous_year,"
                                + " deviation_previous_year_pct, forecast_full_year, budget_full_year,"
                                + " actual_full_year_previous_year FROM kpi.production_own WHERE org_level = 'total'"
                                + " AND time_window = 'ytd' AND period = ? ORDER BY line_order",
                        List.of(p)),
                new AnalystQuery("production_by_contact_type", REPORT,
                        "ACTUAL volumes per contact type from January to the period, from the production fact (Parquet)",
                        "SELECT contact_type, sum(volume) AS volume, sum(weighted_volume) AS weighted_volume"
                                + " FROM fact.production WHERE scenario = 'ACTUAL' AND period BETWEEN ? AND ?"
                                + " GROUP BY contact_type ORDER BY contact_type",
                        List.of(s.yearStart(), p)),
                new AnalystQuery("worked_time_total", REPORT,
                        "the Arbetad tid table for the whole region (ytd)",
                        "SELECT line_name, actual, previous_year, change, change_pct FROM kpi.worked_time"
                                + " WHERE period = ? AND time_window = 'ytd' AND org_level = 'total' ORDER BY line_order",
                        List.of(p)),
                new AnalystQuery("sick_leave_areas", REPORT,
                        "the Sjukfrånvaro table for every area, three years side by side (ytd)",
                        "SELECT org_name, line_name, value_two_years_earlier, value_previous_year, value, suppressed"
                                + " FROM kpi.sick_leave WHERE period = ? AND time_window = 'ytd' AND org_level = 'area'"
                                + " ORDER BY org_id, line_order",
                        List.of(p)),
                new AnalystQuery("kpi_values_import", REPORT,
                        "the whole KPI table, as a Power BI import reads it",
                        "SELECT * FROM kpi.kpi_values",
                        List.of()));
    }
}
