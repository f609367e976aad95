-- internal.production_window: one row per period × time window × lag × org level × org × measure ('actual' |
-- 'budget' | 'previous_year') × contact type, for every period with ACTUAL production rows: the volumes the
-- production KPIs (kpi/definitions/production/) are built from, summed over the window and the org's units.
-- All providers count (own production, region-run and private vårdcentraler, private providers).
--   lag_months 0   the window itself, every contact type
--   lag_months 1   DRG_POINTS only, the same window type one month earlier (internal.comparison_window):
--                  reported at the production periods and in the month after each month with ACTUAL DRG
--                  points, where that month's DRG figure is reported even before the month has production
-- The measures of a window W at period P: actual = ACTUAL rows of W, budget = BUDGET rows of W,
-- previous_year = ACTUAL rows of W twelve months earlier. A row exists only when the org has rows of the
-- contact type of that scenario in those months. Every measure rolls up with the structure of P
-- (internal.org_rollup), like-for-like. A contact type missing from contact_types.csv is 'UNMAPPED'.
--   volume            Σ volume
--   weighted_volume   Σ volume × the contact type's weight that year
CREATE TABLE internal.production_window AS
WITH production_periods AS (
    SELECT DISTINCT period
    FROM internal.production_monthly
    WHERE scenario = 'ACTUAL'
),

-- where each kind of figure is reported: lag 0 at the production periods; lag 1 (DRG points) there and in
-- the month after each month with ACTUAL DRG points
reported_periods (period, lag_months) AS (
    SELECT period, 0 FROM production_periods
    UNION
    SELECT period, 1 FROM production_periods
    UNION
    SELECT DISTINCT CASE WHEN period % 100 = 12 THEN period + 89 ELSE period + 1 END, 1
    FROM internal.production_monthly
    WHERE scenario = 'ACTUAL' AND contact_type = 'DRG_POINTS'
),

contact_monthly AS (
    SELECT period, scenario, cost_center, contact_type, SUM(volume) AS volume, SUM(weighted_volume) AS weighted_volume
    FROM internal.production_monthly
    GROUP BY period, scenario, cost_center, contact_type
)

SELECT
    w.period,
    w.time_window,
    w.lag_months,
    r.org_level,
    r.org_id,
    r.org_name,
    w.measure,
    m.contact_type,
    SUM(m.volume)          AS volume,
    SUM(m.weighted_volume) AS weighted_volume
FROM internal.comparison_window AS w
JOIN reported_periods AS p
    ON p.period = w.period
   AND p.lag_months = w.lag_months
JOIN contact_monthly AS m
    ON m.period = w.month_period
   AND m.scenario = w.scenario
JOIN internal.org_rollup AS r
    ON r.period = w.period
   AND r.cost_center = m.cost_center
WHERE (w.lag_months = 0 OR m.contact_type = 'DRG_POINTS')
  AND w.measure IN ('actual', 'budget', 'previous_year')
  AND w.role = 'current'
  AND w.period >= ${recompute_from}
GROUP BY w.period, w.time_window, w.lag_months, r.org_level, r.org_id, r.org_name, w.measure, m.contact_type
ORDER BY w.period, w.time_window, w.lag_months, r.org_level, r.org_id, w.measure, m.contact_type
