-- fact.action_plan: one row per period × action_id (FactSchema.ACTION_PLAN), as delivered: the action,
-- its org (unit, area or TOTAL), category BUDGET | BEYOND_BUDGET, the planned annual effect stated that
-- month and the effect realised in that month (kr; negative = a setback). Reads the live Parquet files.
CREATE VIEW fact.action_plan AS
SELECT
    CAST(period                AS INTEGER)       AS period,
    CAST(action_id             AS VARCHAR)       AS action_id,
    CAST(action                AS VARCHAR)       AS action,
    CAST(org_id                AS VARCHAR)       AS org_id,
    CAST(responsible           AS VARCHAR)       AS responsible,
    CAST(timeline              AS VARCHAR)       AS timeline,
    CAST(category              AS VARCHAR)       AS category,
    CAST(planned_annual_effect AS DECIMAL(18,2)) AS planned_annual_effect,
    CAST(realised_effect       AS DECIMAL(18,2)) AS realised_effect,
    CAST(comment               AS VARCHAR)       AS comment,
    CAST(source_file           AS VARCHAR)       AS source_file,
    CAST(load_id               AS VARCHAR)       AS load_id
FROM ${action_plan_parquet}
