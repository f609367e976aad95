-- fact.indicator: one row per period × unit × indicator × scenario (FactSchema.INDICATOR): indicator
-- measurements from other systems as additive parts, numerator and denominator summed over the delivered
-- rows (denominator NULL for a count). Divide only after summing (kpi.indicator_components): never
-- average the units' ratios. Reads the snapshot's live Parquet files only.
CREATE VIEW fact.indicator AS
SELECT
    CAST(period      AS INTEGER)       AS period,
    CAST(scenario    AS VARCHAR)       AS scenario,
    CAST(unit        AS VARCHAR)       AS unit,
    CAST(indicator   AS VARCHAR)       AS indicator,
    CAST(numerator   AS DECIMAL(18,4)) AS numerator,
    CAST(denominator AS DECIMAL(18,4)) AS denominator,
    CAST(source_file AS VARCHAR)       AS source_file,
    CAST(load_id     AS VARCHAR)       AS load_id
FROM ${indicator_parquet}
