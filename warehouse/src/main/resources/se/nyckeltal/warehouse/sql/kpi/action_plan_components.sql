-- kpi.action_plan_components: one row per action-plan KPI × period × time window × org level × org ×
-- measure ('actual', 'previous_year'), for every period with action-plan rows; the shape of
-- kpi.ledger_components. Actions count where kpi.action_org_rollup says (a unit's at its area and total too).
--
--   action_plan_planned_effect    Σ planned annual effect of the org's actions, each action's latest row at or
--                                 before the period within the period's year (the same for both windows)
--   action_plan_realised_effect   Σ realised effect over the window (setbacks negative)
CREATE VIEW kpi.action_plan_components AS
WITH action_periods AS (
    SELECT DISTINCT period
    FROM fact.action_plan
),

measure_feeds (measure, years_back) AS (
    VALUES ('actual', 0), ('previous_year', 1)
),

latest AS (
    SELECT
        p.period,
        f.measure,
        a.action_id,
        arg_max(a.planned_annual_effect, a.period) AS planned_annual_effect,
        arg_max(a.org_id, a.period)                AS org_id
    FROM action_periods AS p
    CROSS JOIN measure_feeds AS f
    JOIN fact.action_plan AS a
        ON a.period <= p.period - 100 * f.years_back
       AND a.period // 100 = p.period // 100 - f.years_back
    GROUP BY p.period, f.measure, a.action_id
),

planned AS (
    SELECT l.period, t.time_window, l.measure, r.org_level, r.org_id, any_value(r.org_name) AS org_name,
           SUM(l.planned_annual_effect) AS amount
    FROM latest AS l
    CROSS JOIN (VALUES ('month'), ('ytd')) AS t (time_window)
    JOIN kpi.action_org_rollup AS r
        ON r.period = l.period
       AND r.named_org_id = l.org_id
    GROUP BY l.period, t.time_window, l.measure, r.org_level, r.org_id
),

realised AS (
    SELECT w.period, w.time_window, f.measure, r.org_level, r.org_id, any_value(r.org_name) AS org_name,
           SUM(a.realised_effect) AS amount
    FROM kpi.window_months AS w
    JOIN action_periods AS p
        ON p.period = w.period
    CROSS JOIN measure_feeds AS f
    JOIN fact.action_plan AS a
        ON a.period = w.month_period - 100 * f.years_back
    JOIN kpi.action_org_rollup AS r
        ON r.period = w.period
       AND r.named_org_id = a.org_id
    GROUP BY w.period, w.time_window, f.measure, r.org_level, r.org_id
)

SELECT 'action_plan_planned_effect' AS kpi_id, period, time_window, org_level, org_id, org_name, measure,
       amount AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM planned

UNION ALL

SELECT 'action_plan_realised_effect', period, time_window, org_level, org_id, org_name, measure, amount, NULL,
       NULL, false
FROM realised
