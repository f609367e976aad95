-- kpi.production_primary_care: Produktionsdata – Privata och regiondrivna vårdcentraler
-- (REGION_PRIMARY_CARE + PRIVATE_PRIMARY_CARE), as the månadsrapport prints it:
-- one row per period × time window × org level × org × line (line_order, line_name), columns as in
-- kpi.production_report (actual, budget, deviation_budget_pct, actual_previous_year, deviation_previous_year_pct,
-- forecast_full_year, budget_full_year, actual_full_year_previous_year). The report's "Ack" columns are
-- time_window = 'ytd'.
CREATE VIEW kpi.production_primary_care AS
SELECT * EXCLUDE (report_table)
FROM kpi.production_report
WHERE report_table = 'primary_care'
