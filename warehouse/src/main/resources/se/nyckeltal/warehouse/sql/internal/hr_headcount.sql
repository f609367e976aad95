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
),

-- one row per window × employee × cost centre
employee_windows AS (
    SELECT DISTINCT w.period, w.time_window, w.measure, e.employee, e.cost_center
    FROM internal.comparison_window AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    JOIN worked AS e
        ON e.period = w.month_period
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year')
),

-- an employee at one cost centre in the window is one row at each org: counted as it is; only the others are
-- counted per employee (count(DISTINCT employee) over every rolled-up row needed gigabytes at scale L)
employee_window_rows AS (
    SELECT e.*, count(*) OVER (PARTITION BY e.period, e.time_window, e.measure, e.employee) = 1 AS single_row
    FROM employee_windows AS e
),

member_orgs AS (
    SELECT e.period, e.time_window, e.measure, r.org_level, r.org_id, r.org_name, e.employee, e.single_row
    FROM employee_window_rows AS e
    JOIN internal.org_rollup AS r
        ON r.period = e.period
       AND r.cost_center = e.cost_center
),

employee_orgs AS (
    SELECT period, time_window, measure, org_level, org_id, org_name
    FROM member_orgs
    WHERE single_row

    UNION ALL

    SELECT period, time_window, measure, org_level, org_id, any_value(org_name) AS org_name
    FROM member_orgs
    WHERE NOT single_row
    GROUP BY period, time_window, measure, org_level, org_id, employee
)

SELECT
    period,
    time_window,
    measure,
    org_level,
    org_id,
    any_value(org_name)  AS org_name,
    count(*)             AS employees
FROM employee_orgs
GROUP BY period, time_window, measure, org_level, org_id
ORDER BY period, time_window, measure, org_level, org_id
