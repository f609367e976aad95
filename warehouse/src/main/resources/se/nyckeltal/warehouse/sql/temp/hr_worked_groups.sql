-- temp.hr_worked_groups (build only): one row per period × time window × measure ('actual', 'previous_year') × org
-- level × org × population, for every period with HR rows: the worked time of a group of employees over the window,
-- rolled up with the org structure of the period (like-for-like), and how many employees it sums. A TEMP table,
-- gone when the build ends: internal.hr_window_hours publishes it as internal.hr_suppression allows.
--   population      'worked' (every staff category and profession), 'staff_category.<OWN|RESOURCE_POOL|AGENCY>',
--                   'profession.<DOCTOR|NURSE|…>': Σ over the staff categories, and over the professions, is 'worked'
--   employees       distinct employees of the population with WORKED, OVERTIME or ON_CALL hours at the org in the
--                   window
--   worked_hours    WORKED + OVERTIME (the worked_hours KPI; ON_CALL excluded)
--   on_call_hours   ON_CALL (jour och beredskap)
-- Counted from the restricted employee months: distinct employees do not add up over months or units.
CREATE TEMP TABLE hr_worked_groups AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM temp.hr_worked
    WHERE period >= ${recompute_from}
),

employee_months AS (
    SELECT
        CAST(period AS INTEGER)                AS period,
        employee,
        cost_center,
        staff_category,
        profession,
        SUM(worked_hours + overtime_hours)     AS worked_hours,
        SUM(on_call_hours)                     AS on_call_hours
    FROM ${hr_employee_month_parquet}
    -- a window lies within one year and looks back two years at most: older months are never read
    WHERE period >= (${recompute_from} // 100 - 2) * 100
    GROUP BY ALL
    HAVING SUM(worked_hours + overtime_hours) <> 0 OR SUM(on_call_hours) <> 0
),

-- one row per window × employee × cost centre × category × profession first: the roll-up multiplies few rows
employee_windows AS (
    SELECT
        w.period,
        w.time_window,
        w.measure,
        e.employee,
        e.cost_center,
        e.staff_category,
        e.profession,
        SUM(e.worked_hours)  AS worked_hours,
        SUM(e.on_call_hours) AS on_call_hours
    FROM internal.comparison_window AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    JOIN employee_months AS e
        ON e.period = w.month_period
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year')
    GROUP BY ALL
),

-- an employee with one row in the window (one cost centre, one staff category and profession) is one row at each org
-- of every population: counted as it is. Only the others are summed per employee and org first, so the large
-- per-employee aggregation runs over few rows (count(DISTINCT employee) over all of them needed more memory than the
-- 3 GB a build has at scale L, and spilled).
employee_window_rows AS (
    SELECT e.*, count(*) OVER (PARTITION BY e.period, e.time_window, e.measure, e.employee) = 1 AS single_row
    FROM employee_windows AS e
),

member_orgs AS (
    SELECT
        e.period, e.time_window, e.measure, r.org_level, r.org_id, r.org_name, m.population, e.employee,
        e.single_row, e.worked_hours, e.on_call_hours
    FROM employee_window_rows AS e
    CROSS JOIN LATERAL (
        VALUES ('worked'),
               ('staff_category.' || e.staff_category),
               ('profession.' || e.profession)
    ) AS m (population)
    JOIN internal.org_rollup AS r
        ON r.period = e.period
       AND r.cost_center = e.cost_center
),

employee_orgs AS (
    SELECT period, time_window, measure, org_level, org_id, org_name, population, worked_hours, on_call_hours
    FROM member_orgs
    WHERE single_row

    UNION ALL

    SELECT
        period,
        time_window,
        measure,
        org_level,
        org_id,
        any_value(org_name)  AS org_name,
        population,
        SUM(worked_hours)    AS worked_hours,
        SUM(on_call_hours)   AS on_call_hours
    FROM member_orgs
    WHERE NOT single_row
    GROUP BY period, time_window, measure, org_level, org_id, population, employee
)

SELECT
    period,
    time_window,
    measure,
    org_level,
    org_id,
    any_value(org_name)                              AS org_name,
    population,
    CAST(count(*) AS INTEGER)                        AS employees,
    CAST(SUM(worked_hours) AS DECIMAL(18,4))         AS worked_hours,
    CAST(SUM(on_call_hours) AS DECIMAL(18,4))        AS on_call_hours
FROM employee_orgs
GROUP BY period, time_window, measure, org_level, org_id, population
