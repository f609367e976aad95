-- internal.hr_window_hours: one row per period × time window × measure ('actual', 'previous_year') × org
-- level × org, for the periods with HR rows and the orgs with HR rows in the window: worked time summed
-- over the window (rolled up with the org structure of the period, like-for-like) and the norm hours of
-- one årsarbetare over that window. The KPIs worked_hours, fte and cost_per_worked_hour
-- (kpi/definitions/hr/) and kpi.worked_time (Arbetad tid) all read it, so the KPI and the report's table
-- cannot disagree.
--   own_staff, resource_pool, agency   WORKED + OVERTIME + ON_CALL of that staff category
--   worked_incl_on_call                WORKED + OVERTIME + ON_CALL, every staff category
--   worked_excl_on_call                WORKED + OVERTIME, every staff category (the worked_hours KPI)
--   norm_hours                         the norm of the year of the window's last month × months ÷ 12
CREATE TABLE internal.hr_window_hours AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM internal.hr_worked
    WHERE period >= ${recompute_from}
),

-- the months of each measure's window (internal.comparison_window; HR has no scenarios)
windows AS (
    SELECT w.period, w.time_window, w.measure, w.years_back, w.month_period
    FROM internal.comparison_window AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year')
),

window_hours AS (
    SELECT
        w.period,
        w.time_window,
        w.measure,
        r.org_level,
        r.org_id,
        any_value(r.org_name) AS org_name,
        COALESCE(SUM(h.worked_hours + h.overtime_hours + h.on_call_hours)
                 FILTER (WHERE h.staff_category = 'OWN'), 0)            AS own_staff,
        COALESCE(SUM(h.worked_hours + h.overtime_hours + h.on_call_hours)
                 FILTER (WHERE h.staff_category = 'RESOURCE_POOL'), 0)  AS resource_pool,
        COALESCE(SUM(h.worked_hours + h.overtime_hours + h.on_call_hours)
                 FILTER (WHERE h.staff_category = 'AGENCY'), 0)         AS agency,
        SUM(h.worked_hours + h.overtime_hours + h.on_call_hours)        AS worked_incl_on_call,
        SUM(h.worked_hours + h.overtime_hours)                          AS worked_excl_on_call
    FROM windows AS w
    JOIN internal.hr_worked AS h
        ON h.period = w.month_period
    JOIN internal.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = h.cost_center
    GROUP BY w.period, w.time_window, w.measure, r.org_level, r.org_id
),

-- every window of internal.window_months lies within one year, so its last month's year is the period's year
-- less the years the measure looks back
norm_hours AS (
    SELECT w.period, w.time_window, w.measure, any_value(n.fte_norm_hours) * count(*) / 12 AS norm_hours
    FROM windows AS w
    JOIN dim.fte_norm AS n
        ON n.year = w.period // 100 - w.years_back
    GROUP BY w.period, w.time_window, w.measure
)

SELECT h.*, n.norm_hours
FROM window_hours AS h
JOIN norm_hours AS n
    USING (period, time_window, measure)
ORDER BY period, time_window, measure, org_level, org_id
