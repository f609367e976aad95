-- internal.hr_headcount: one row per period × time window × measure ('actual', 'previous_year') × org level ×
-- org, for every period with HR rows: the number of distinct employees with WORKED or OVERTIME hours at
-- the org in the window (antal anställda inklusive inhyrd personal: every staff category). Counted from the
-- restricted employee months while the catalogue is built and stored as counts only: no employee, no
-- pseudonym. A person who worked in two units counts once in each unit and once in their area and the
-- total; rolled up with the org structure of the period (like-for-like).
CREATE TABLE internal.hr_headcount AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM temp.hr_worked
    WHERE period >= ${recompute_from}
),

worked AS (
    SELECT DISTINCT CAST(period AS INTEGER) AS period, employee, cost_center
    FROM ${hr_employee_month_parquet}
    WHERE worked_hours > 0 OR overtime_hours > 0
)

SELECT
    w.period,
    w.time_window,
    w.measure,
    r.org_level,
    r.org_id,
    any_value(r.org_name)       AS org_name,
    count(DISTINCT e.employee)  AS employees
FROM internal.comparison_window AS w
JOIN hr_periods AS p
    ON p.period = w.period
JOIN worked AS e
    ON e.period = w.month_period
JOIN internal.org_rollup AS r
    ON r.period = w.period
   AND r.cost_center = e.cost_center
WHERE w.lag_months = 0
  AND w.role = 'current'
  AND w.measure IN ('actual', 'previous_year')
GROUP BY w.period, w.time_window, w.measure, r.org_level, r.org_id
ORDER BY w.period, w.time_window, w.measure, r.org_level, r.org_id
