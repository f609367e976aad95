-- kpi_id:         drg_per_fte
-- name_sv:        DRG-poäng per årsarbetare (1 mån släp)
-- unit:           poäng per åa
-- good_direction: up
-- has_budget:     false
-- window:         lagged_one_month
-- description:    DRG-poäng ÷ årsarbetare för föregående månads fönster (ack: jan–föregående månad), bara enheter
--                 med DRG-poäng i fönstret.
-- definition:     Σ ACTUAL `DRG_POINTS` of the units with DRG points in the lagged window ÷ Σ årsarbetare of
--                 those units only over that window (worked hours ÷ (norm hours × months ÷ 12)); no budget
--
-- One row per period × time window × org level × org × measure ('actual' | 'previous_year'), DRG-poäng per
-- årsarbetare with the one-month lag (SPEC §5).
--
-- At period P the window is the same window type one month earlier (internal.comparison_window,
-- lag_months 1: month → P − 1, ytd at March → January–February, ytd at January → the whole previous
-- year), for both parts:
--   numerator     Σ DRG points (ACTUAL production.DRG_POINTS) of the units with DRG points in that window
--   denominator   Σ årsarbetare of THOSE units over that window: Σ worked hours (WORKED + OVERTIME, all staff
--                 categories) ÷ (norm hours of the year of the window's last month × months in the window ÷ 12)
-- Units without DRG points in the window (primary care, staff units) are left out of the denominator, so
-- the ratio is DRG points per årsarbetare where DRG points are produced. Both parts are summed per org
-- (structure of P, like-for-like) and divided only in kpi.kpi_values. previous_year is the same, twelve
-- months earlier. There is no budget: HR time has none. An org whose DRG units have no worked hours in
-- the window gets no row.
WITH lagged_windows AS (
    SELECT period, time_window, measure, month_period
    FROM internal.comparison_window
    WHERE lag_months = 1
      AND role = 'current'
      AND measure IN ('actual', 'previous_year')
),

-- norm hours of one årsarbetare over a lagged window: the norm of its last month's year × months ÷ 12
window_norms AS (
    SELECT w.period, w.time_window, w.measure, n.fte_norm_hours * w.months / 12 AS norm_hours
    FROM (
        SELECT period, time_window, measure, max(month_period) AS last_month, count(*) AS months
        FROM lagged_windows
        GROUP BY period, time_window, measure
    ) AS w
    JOIN dim.fte_norm AS n
        ON n.year = w.last_month // 100
),

unit_months AS (
    SELECT period, cost_center, SUM(drg_points) AS drg_points, SUM(worked_hours) AS worked_hours
    FROM (
        SELECT period, cost_center, volume AS drg_points, 0 AS worked_hours
        FROM internal.production_monthly
        WHERE scenario = 'ACTUAL' AND contact_type = 'DRG_POINTS'
        UNION ALL
        SELECT period, cost_center, 0, worked_hours
        FROM internal.hr_monthly
    )
    GROUP BY period, cost_center
),

-- per unit and lagged window; only units with DRG points in it
drg_units AS (
    SELECT l.period, l.time_window, l.measure, u.cost_center,
           SUM(u.drg_points) AS drg_points, SUM(u.worked_hours) AS worked_hours
    FROM lagged_windows AS l
    JOIN unit_months AS u
        ON u.period = l.month_period
    GROUP BY l.period, l.time_window, l.measure, u.cost_center
    HAVING SUM(u.drg_points) > 0
)

SELECT
    d.period,
    d.time_window,
    r.org_level,
    r.org_id,
    r.org_name,
    d.measure,
    SUM(d.drg_points)                               AS numerator,
    SUM(d.worked_hours) / any_value(n.norm_hours)   AS denominator,
    1                                               AS ratio_scale,
    false                                           AS suppressed
FROM drg_units AS d
JOIN window_norms AS n
    USING (period, time_window, measure)
JOIN internal.org_rollup AS r
    ON r.period = d.period
   AND r.cost_center = d.cost_center
GROUP BY d.period, d.time_window, r.org_level, r.org_id, r.org_name, d.measure
-- no worked hours behind the DRG points (no HR data for those units): no årsarbetare to divide by, no row
HAVING SUM(d.worked_hours) > 0
