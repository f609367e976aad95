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
-- (structure of P, like-for-like) and divided only in kpi.kpi_values. The worked time is internal.hr_window_hours'
-- at the month before P (the same window type there is the lagged window): suppressed there, suppressed here, at
-- every org the unit is in (internal.hr_suppression). previous_year is the same, twelve
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

-- DRG points per unit (org structure of P) and lagged window; only units with DRG points in it
drg_units AS (
    SELECT l.period, l.time_window, l.measure, u.org_id AS unit_id, SUM(m.volume) AS drg_points
    FROM lagged_windows AS l
    JOIN internal.production_monthly AS m
        ON m.period = l.month_period
       AND m.scenario = 'ACTUAL'
       AND m.contact_type = 'DRG_POINTS'
    JOIN internal.org_rollup AS u
        ON u.period = l.period
       AND u.cost_center = m.cost_center
       AND u.org_level = 'unit'
    GROUP BY l.period, l.time_window, l.measure, u.org_id
    HAVING SUM(m.volume) > 0
),

-- each unit's worked time over the lagged window, which is the same window type at the month before P, as
-- internal.hr_window_hours publishes it: a unit whose worked time is suppressed suppresses every org it is in
unit_worked AS (
    SELECT
        d.*,
        COALESCE(h.worked_hours, 0)       AS worked_hours,
        COALESCE(h.suppressed, false)     AS suppressed
    FROM drg_units AS d
    LEFT JOIN internal.hr_window_hours AS h
        ON h.period = CASE WHEN d.period % 100 = 1 THEN d.period - 89 ELSE d.period - 1 END
       AND h.time_window = d.time_window
       AND h.measure = d.measure
       AND h.org_level = 'unit'
       AND h.org_id = d.unit_id
       AND h.population = 'worked'
),

unit_orgs AS (
    SELECT DISTINCT u.period, u.org_id AS unit_id, r.org_level, r.org_id, r.org_name
    FROM internal.org_rollup AS u
    JOIN internal.org_rollup AS r
        ON r.period = u.period
       AND r.cost_center = u.cost_center
    WHERE u.org_level = 'unit'
)

SELECT
    d.period,
    d.time_window,
    o.org_level,
    o.org_id,
    any_value(o.org_name)                           AS org_name,
    d.measure,
    SUM(d.drg_points)                               AS numerator,
    SUM(d.worked_hours) / any_value(n.norm_hours)   AS denominator,
    1                                               AS ratio_scale,
    bool_or(d.suppressed)                           AS suppressed
FROM unit_worked AS d
JOIN window_norms AS n
    USING (period, time_window, measure)
JOIN unit_orgs AS o
    ON o.period = d.period
   AND o.unit_id = d.unit_id
GROUP BY d.period, d.time_window, o.org_level, o.org_id, d.measure
-- no worked hours behind the DRG points (no HR data for those units): no årsarbetare to divide by, no row
HAVING SUM(d.worked_hours) > 0 OR bool_or(d.suppressed)
