-- kpi_id:         action_plan_realised_effect
-- name_sv:        Realiserad effekt åtgärdsplaner
-- unit:           kr
-- good_direction: up
-- has_budget:     false
-- window:         sum
-- description:    Σ realiserad effekt av organisationens åtgärder i perioden (ackumulerat: januari–perioden);
--                 negativ effekt (återfall) drar ifrån.
-- definition:     Σ realised effect of the org's actions over W; a setback (negative) subtracts
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year'), for every period with
-- action-plan rows. Actions count where internal.action_org_rollup says (a unit's at its area and the total too).
WITH action_periods AS (
    SELECT DISTINCT period
    FROM fact.action_plan
)

SELECT w.period, w.time_window, r.org_level, r.org_id, any_value(r.org_name) AS org_name, w.measure,
       SUM(a.realised_effect) AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.comparison_window AS w
JOIN action_periods AS p
    ON p.period = w.period
JOIN fact.action_plan AS a
    ON a.period = w.month_period
JOIN internal.action_org_rollup AS r
    ON r.period = w.period
   AND r.named_org_id = a.org_id
WHERE w.lag_months = 0
  AND w.role = 'current'
  AND w.measure IN ('actual', 'previous_year')
GROUP BY w.period, w.time_window, w.measure, r.org_level, r.org_id
