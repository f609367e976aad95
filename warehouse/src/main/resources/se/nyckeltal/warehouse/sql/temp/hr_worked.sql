-- temp.hr_worked (build only): one row per period × scenario × cost_center × staff_category × profession with HR
-- rows: worked time (WORKED, OVERTIME, ON_CALL hours) from the aggregated HR fact. The build reads it for the
-- periods and cost centres with HR rows (dim.period, internal.org_map, the HR tables) and for the unmapped-cost-
-- centre check. A TEMP table, gone when the build ends: groups of any size, never in the published catalogue.
-- The worked-time KPIs are computed per group and window in temp.hr_worked_groups and suppressed in
-- internal.hr_suppression.
CREATE TEMP TABLE hr_worked AS
SELECT
    CAST(period AS INTEGER)                          AS period,
    CAST(scenario AS VARCHAR)                        AS scenario,
    CAST(cost_center AS VARCHAR)                     AS cost_center,
    CAST(staff_category AS VARCHAR)                  AS staff_category,
    CAST(profession AS VARCHAR)                      AS profession,
    CAST(SUM(worked_hours) AS DECIMAL(18,4))         AS worked_hours,
    CAST(SUM(overtime_hours) AS DECIMAL(18,4))       AS overtime_hours,
    CAST(SUM(on_call_hours) AS DECIMAL(18,4))        AS on_call_hours
FROM ${hr_time_parquet}
GROUP BY ALL
