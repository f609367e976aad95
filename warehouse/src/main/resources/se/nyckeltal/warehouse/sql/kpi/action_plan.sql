-- kpi.action_plan: one row per action × period (Ekonomisk effekthemtagning), as the action plans delivered
-- it (SPEC §5). org_name from org_units.csv (the area's name for an area, 'Totalt' for TOTAL).
--   planned_annual_effect   beräknad årseffekt as stated that month (kr)
--   realised_effect         realised in that month (kr; negative = a setback)
--   realised_effect_ytd     Σ realised_effect of the action from January to the period, same year
--   realised_share_pct      realised_effect_ytd ÷ planned_annual_effect × 100 (NULL when planned is 0)
-- kpi.action_plan_totals has the subtotals (Summa budget, Summa utöver budget) per org.
CREATE VIEW kpi.action_plan AS
WITH with_ytd AS (
    SELECT
        a.*,
        SUM(a.realised_effect) OVER (
            PARTITION BY a.action_id, a.period // 100
            ORDER BY a.period
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS realised_effect_ytd
    FROM fact.action_plan AS a
),

names AS (
    SELECT DISTINCT period, named_org_id, org_name
    FROM internal.action_org_rollup
    WHERE org_id = named_org_id
)

SELECT
    a.period,
    a.action_id,
    a.action,
    a.org_id,
    n.org_name,
    a.responsible,
    a.timeline,
    a.category,
    a.planned_annual_effect,
    a.realised_effect,
    CAST(a.realised_effect_ytd AS DECIMAL(18,2))                                       AS realised_effect_ytd,
    CAST(CASE WHEN a.planned_annual_effect <> 0
              THEN CAST(a.realised_effect_ytd AS DOUBLE) * 100 / CAST(a.planned_annual_effect AS DOUBLE) END
         AS DECIMAL(18,6))                                                             AS realised_share_pct,
    a.comment
FROM with_ytd AS a
LEFT JOIN names AS n
    ON n.period = a.period
   AND n.named_org_id = a.org_id
