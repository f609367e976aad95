-- kpi.production_own: Produktionsdata – Egen produktion (OWN), as the månadsrapport prints it:
-- one row per period × time window × org level × org × line (line_order, line_name), columns as in
-- kpi.production_report (actual, budget, deviation_budget_pct, actual_previous_year, deviation_previous_year_pct,
-- forecast_full_year, budget_full_year, actual_full_year_previous_year). The report's "Ack" columns are
-- time_window = 'ytd'.
CREATE VIEW kpi.production_own AS
SELECT * EXCLUDE (report_table)
FROM kpi.production_report
WHERE report_table = 'own'
