-- fact.listings: one row per period × unit × measure × gender × age_band (FactSchema.LISTINGS), the state
-- at the end of the month (vårdval). measure is LISTED (per gender K|M and age band, e.g. '0-4', '100-'),
-- ACTIVE_LISTED, ACG_POINTS (Σ the listed persons' ACG weights) or CNI_<FACTOR> (listed persons with that
-- Care Need Index factor), as delivered; gender and age_band are NULL for all but LISTED. A month
-- re-delivered replaces the earlier delivery whole. Reads the snapshot's live Parquet files only.
CREATE VIEW fact.listings AS
SELECT
    CAST(period      AS INTEGER)       AS period,
    CAST(unit        AS VARCHAR)       AS unit,
    CAST(measure     AS VARCHAR)       AS measure,
    CAST(gender      AS VARCHAR)       AS gender,
    CAST(age_band    AS VARCHAR)       AS age_band,
    CAST(quantity    AS DECIMAL(18,4)) AS quantity,
    CAST(source_file AS VARCHAR)       AS source_file,
    CAST(load_id     AS VARCHAR)       AS load_id
FROM ${listings_parquet}
