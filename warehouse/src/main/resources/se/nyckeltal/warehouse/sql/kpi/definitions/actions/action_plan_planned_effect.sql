-- kpi_id:         action_plan_planned_effect
-- name_sv:        Beräknad årseffekt åtgärdsplaner
-- unit:           kr
-- good_direction: up
-- has_budget:     false
-- window:         latest_in_year
-- description:    Σ beräknad årseffekt av organisationens åtgärder, för varje åtgärd det senaste värdet till och
--                 med perioden under periodens år.
-- definition:     Σ planned annual effect of the org's actions, each action's latest row at or before P within
--                 P's year (the same for both windows)
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year'), for every period with
-- action-plan rows. Actions count where internal.action_org_rollup says (a unit's at its area and the total too),
-- by the org the action's latest row names.
WITH action_periods AS (
    SELECT DISTINCT period
    FROM fact.action_plan
),

-- not a window of months but a year: previous_year is the same rule on the year before P's
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
)

SELECT l.period, t.time_window, r.org_level, r.org_id, any_value(r.org_name) AS org_name, l.measure,
       SUM(l.planned_annual_effect) AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM latest AS l
CROSS JOIN (VALUES ('month'), ('ytd')) AS t (time_window)
JOIN internal.action_org_rollup AS r
    ON r.period = l.period
   AND r.named_org_id = l.org_id
GROUP BY l.period, t.time_window, l.measure, r.org_level, r.org_id
