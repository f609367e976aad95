-- temp.hr_sick_groups (build only): one row per period × time window × measure × org level × org × group, for every
-- period with HR rows: the sick leave of OWN staff (egen personal) with scheduled hours in the window (SPEC §5),
-- summed over every group however small. A TEMP table, gone when the build ends: internal.hr_sick_leave publishes
-- it as internal.hr_suppression allows.
--   measure     'actual' the window itself; 'previous_year', 'two_years_earlier' the same window 12 and
--               24 months earlier — all rolled up with the org structure of period (like-for-like)
--   group_id    'all', 'women', 'men', 'age_0_29', 'age_30_49', 'age_50_plus'
--               (age = the year of the hours − birth year)
--   employees   distinct employees of the group with scheduled hours at that org in the window
-- An employee's hours count at an org when the employee has scheduled hours there in the window; sick
-- hours of an employee without scheduled hours there count in neither numerator nor denominator.
-- Hours: scheduled (the denominator), sick, sick by day number in the spell, sick from day 60 on.
CREATE TEMP TABLE hr_sick_groups AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM temp.hr_worked
    WHERE period >= ${recompute_from}
),

own_staff AS (
    SELECT
        CAST(period AS INTEGER) AS period,
        employee,
        cost_center,
        gender,
        age_band,
        scheduled_hours,
        sick_hours,
        sick_hours_days_1_14,
        sick_hours_days_15_90,
        sick_hours_days_91_365,
        sick_hours_days_366_plus,
        sick_hours_day_60_plus
    FROM ${hr_employee_month_parquet}
    WHERE staff_category = 'OWN'
      -- a window lies within one year and looks back two years at most: older months are never read
      AND period >= (${recompute_from} // 100 - 2) * 100
),

-- one row per window × employee × cost centre first: the roll-up below multiplies few rows
employee_windows AS (
    SELECT
        w.period,
        w.time_window,
        w.measure,
        o.employee,
        o.cost_center,
        o.gender,
        o.age_band,
        SUM(o.scheduled_hours)          AS scheduled_hours,
        SUM(o.sick_hours)               AS sick_hours,
        SUM(o.sick_hours_days_1_14)     AS sick_hours_days_1_14,
        SUM(o.sick_hours_days_15_90)    AS sick_hours_days_15_90,
        SUM(o.sick_hours_days_91_365)   AS sick_hours_days_91_365,
        SUM(o.sick_hours_days_366_plus) AS sick_hours_days_366_plus,
        SUM(o.sick_hours_day_60_plus)   AS sick_hours_day_60_plus
    FROM internal.comparison_window AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    JOIN own_staff AS o
        ON o.period = w.month_period
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year', 'two_years_earlier')
    GROUP BY w.period, w.time_window, w.measure, o.employee, o.cost_center, o.gender, o.age_band
),

-- an employee with one row in the window (one cost centre, one gender and age band) is one row at each org of
-- every group: nothing to add up per employee. Only the others (several cost centres in the window) are summed per
-- employee and org first, so the large per-employee aggregation runs over few rows.
employee_window_rows AS (
    SELECT e.*, count(*) OVER (PARTITION BY e.period, e.time_window, e.measure, e.employee) AS window_rows
    FROM employee_windows AS e
),

group_members AS (
    SELECT e.* EXCLUDE (window_rows), e.window_rows = 1 AS single_row, g.group_id
    FROM employee_window_rows AS e
    CROSS JOIN LATERAL (
        VALUES ('all'),
               (CASE e.gender WHEN 'K' THEN 'women' WHEN 'M' THEN 'men' END),
               ('age_' || e.age_band)
    ) AS g (group_id)
    WHERE g.group_id IS NOT NULL
),

member_orgs AS (
    SELECT m.*, r.org_level, r.org_id, r.org_name
    FROM group_members AS m
    JOIN internal.org_rollup AS r
        ON r.period = m.period
       AND r.cost_center = m.cost_center
),

employee_orgs AS (
    SELECT
        period, time_window, measure, org_level, org_id, org_name, group_id, employee,
        scheduled_hours, sick_hours, sick_hours_days_1_14, sick_hours_days_15_90, sick_hours_days_91_365,
        sick_hours_days_366_plus, sick_hours_day_60_plus
    FROM member_orgs
    WHERE single_row

    UNION ALL

    SELECT
        period,
        time_window,
        measure,
        org_level,
        org_id,
        any_value(org_name)             AS org_name,
        group_id,
        employee,
        SUM(scheduled_hours)            AS scheduled_hours,
        SUM(sick_hours)                 AS sick_hours,
        SUM(sick_hours_days_1_14)       AS sick_hours_days_1_14,
        SUM(sick_hours_days_15_90)      AS sick_hours_days_15_90,
        SUM(sick_hours_days_91_365)     AS sick_hours_days_91_365,
        SUM(sick_hours_days_366_plus)   AS sick_hours_days_366_plus,
        SUM(sick_hours_day_60_plus)     AS sick_hours_day_60_plus
    FROM member_orgs
    WHERE NOT single_row
    GROUP BY period, time_window, measure, org_level, org_id, group_id, employee
),

groups AS (
    SELECT
        period,
        time_window,
        measure,
        org_level,
        org_id,
        any_value(org_name)                                                 AS org_name,
        group_id,
        count(*) FILTER (WHERE scheduled_hours > 0)                         AS employees,
        SUM(scheduled_hours)          FILTER (WHERE scheduled_hours > 0)    AS scheduled_hours,
        SUM(sick_hours)               FILTER (WHERE scheduled_hours > 0)    AS sick_hours,
        SUM(sick_hours_days_1_14)     FILTER (WHERE scheduled_hours > 0)    AS sick_hours_days_1_14,
        SUM(sick_hours_days_15_90)    FILTER (WHERE scheduled_hours > 0)    AS sick_hours_days_15_90,
        SUM(sick_hours_days_91_365)   FILTER (WHERE scheduled_hours > 0)    AS sick_hours_days_91_365,
        SUM(sick_hours_days_366_plus) FILTER (WHERE scheduled_hours > 0)    AS sick_hours_days_366_plus,
        SUM(sick_hours_day_60_plus)   FILTER (WHERE scheduled_hours > 0)    AS sick_hours_day_60_plus
    FROM employee_orgs
    GROUP BY period, time_window, measure, org_level, org_id, group_id
)

SELECT
    CAST(period AS INTEGER)                                  AS period,
    CAST(time_window AS VARCHAR)                             AS time_window,
    CAST(measure AS VARCHAR)                                 AS measure,
    CAST(org_level AS VARCHAR)                               AS org_level,
    CAST(org_id AS VARCHAR)                                  AS org_id,
    CAST(org_name AS VARCHAR)                                AS org_name,
    CAST(group_id AS VARCHAR)                                AS group_id,
    CAST(employees AS INTEGER)                               AS employees,
    CAST(COALESCE(scheduled_hours, 0) AS DECIMAL(18,4))          AS scheduled_hours,
    CAST(COALESCE(sick_hours, 0) AS DECIMAL(18,4))               AS sick_hours,
    CAST(COALESCE(sick_hours_days_1_14, 0) AS DECIMAL(18,4))     AS sick_hours_days_1_14,
    CAST(COALESCE(sick_hours_days_15_90, 0) AS DECIMAL(18,4))    AS sick_hours_days_15_90,
    CAST(COALESCE(sick_hours_days_91_365, 0) AS DECIMAL(18,4))   AS sick_hours_days_91_365,
    CAST(COALESCE(sick_hours_days_366_plus, 0) AS DECIMAL(18,4)) AS sick_hours_days_366_plus,
    CAST(COALESCE(sick_hours_day_60_plus, 0) AS DECIMAL(18,4))   AS sick_hours_day_60_plus
FROM groups
