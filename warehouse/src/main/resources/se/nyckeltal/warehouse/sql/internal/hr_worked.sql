-- internal.hr_worked: one row per period × scenario × cost_center × staff_category × profession with HR rows: the
-- worked time every HR KPI and wide view is built from (WORKED, OVERTIME, ON_CALL hours), over the full-grain HR
-- fact. No absence, no sick hours, no gender or age band: those stay in the restricted data (sick leave:
-- internal.hr_sick_leave, suppressed for small groups); fact.hr_time is the analysts' aggregate.
CREATE VIEW internal.hr_worked AS
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
