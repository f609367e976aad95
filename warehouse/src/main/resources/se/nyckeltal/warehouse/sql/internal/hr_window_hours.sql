-- internal.hr_window_hours: one row per period × time window × measure ('actual', 'previous_year') × org level × org
-- × population, for the periods with HR rows and the groups with worked time in the window: worked time summed
-- over the window (org structure of the period, like-for-like) as internal.hr_suppression allows, and the norm
-- hours of one årsarbetare over that window. Every worked-time KPI (worked_hours, worked_hours.<STAFF_CATEGORY>, fte,
-- fte.<PROFESSION>, cost_per_worked_hour, drg_per_fte) and kpi.worked_time (Arbetad tid) read it, so they cannot
-- disagree and none shows what another hides.
--   population      'worked' (every staff category), 'staff_category.<OWN|RESOURCE_POOL|AGENCY>',
--                   'profession.<DOCTOR|NURSE|…>' (temp.hr_worked_groups)
--   worked_hours    WORKED + OVERTIME (ON_CALL excluded); NULL when suppressed
--   on_call_hours   ON_CALL; NULL when suppressed
--   norm_hours      the norm of the year of the window's last month × months ÷ 12
--   suppressed      10 or fewer employees worked in the group, or its hours would give such a group's away
CREATE TABLE internal.hr_window_hours AS
WITH windows AS (
    SELECT w.period, w.time_window, w.measure, w.years_back
    FROM internal.comparison_window AS w
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year')
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

SELECT
    g.period,
    g.time_window,
    g.measure,
    g.org_level,
    g.org_id,
    g.org_name,
    g.population,
    CASE WHEN NOT s.suppressed THEN g.worked_hours END   AS worked_hours,
    CASE WHEN NOT s.suppressed THEN g.on_call_hours END  AS on_call_hours,
    n.norm_hours,
    s.suppressed
FROM temp.hr_worked_groups AS g
JOIN internal.hr_suppression AS s
    ON s.period = g.period
   AND s.time_window = g.time_window
   AND s.measure = g.measure
   AND s.org_level = g.org_level
   AND s.org_id = g.org_id
   AND s.population = g.population
JOIN norm_hours AS n
    ON n.period = g.period
   AND n.time_window = g.time_window
   AND n.measure = g.measure
WHERE g.period >= ${recompute_from}
ORDER BY period, time_window, measure, org_level, org_id, population
