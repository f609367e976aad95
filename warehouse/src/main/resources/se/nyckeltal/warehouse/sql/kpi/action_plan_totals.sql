-- kpi.action_plan_totals: one row per period × org level × org × category ('BUDGET', 'BEYOND_BUDGET' and
-- 'ALL'): the action plan's subtotals — Summa budget, Summa utöver budget — over the actions delivered for
-- the period that count at the org (internal.action_org_rollup: a unit's actions count at its area and the
-- total too). realised_share_pct = realised_effect_ytd ÷ planned_annual_effect × 100.
CREATE VIEW kpi.action_plan_totals AS
WITH counted AS (
    SELECT a.period, r.org_level, r.org_id, r.org_name, a.category, a.planned_annual_effect, a.realised_effect,
           a.realised_effect_ytd
    FROM kpi.action_plan AS a
    JOIN internal.action_org_rollup AS r
        ON r.period = a.period
       AND r.named_org_id = a.org_id
),

totals AS (
    SELECT period, org_level, org_id, any_value(org_name) AS org_name, category,
           SUM(planned_annual_effect) AS planned_annual_effect, SUM(realised_effect) AS realised_effect,
           SUM(realised_effect_ytd) AS realised_effect_ytd
    FROM counted
    GROUP BY period, org_level, org_id, category

    UNION ALL

    SELECT period, org_level, org_id, any_value(org_name), 'ALL',
           SUM(planned_annual_effect), SUM(realised_effect), SUM(realised_effect_ytd)
    FROM counted
    GROUP BY period, org_level, org_id
)

SELECT
    period,
    org_level,
    org_id,
    org_name,
    category,
    CAST(planned_annual_effect AS DECIMAL(18,2)) AS planned_annual_effect,
    CAST(realised_effect AS DECIMAL(18,2))       AS realised_effect,
    CAST(realised_effect_ytd AS DECIMAL(18,2))   AS realised_effect_ytd,
    CAST(CASE WHEN planned_annual_effect <> 0
              THEN CAST(realised_effect_ytd AS DOUBLE) * 100 / CAST(planned_annual_effect AS DOUBLE) END
         AS DECIMAL(18,6))                       AS realised_share_pct
FROM totals
