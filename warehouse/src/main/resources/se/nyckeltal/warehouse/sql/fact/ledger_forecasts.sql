-- fact.ledger_forecasts: one row per forecast_made × period × cost_center × account × activity ×
-- counterpart: every FORECAST row of the ledger, every version kept (SPEC §3 Forecast versions).
-- forecast_made is the month the forecast was made (YYYYMM), NULL for a forecast delivered without one.
-- kpi.forecast_versions and kpi_values.forecast_full_year_value read it; fact.ledger shows only the
-- version in force.
CREATE VIEW fact.ledger_forecasts AS
SELECT
    CAST(forecast_made AS INTEGER)       AS forecast_made,
    CAST(period        AS INTEGER)       AS period,
    CAST(cost_center   AS VARCHAR)       AS cost_center,
    CAST(account       AS VARCHAR)       AS account,
    CAST(activity      AS VARCHAR)       AS activity,
    CAST(counterpart   AS VARCHAR)       AS counterpart,
    CAST(amount        AS DECIMAL(18,2)) AS amount,
    CAST(source_file   AS VARCHAR)       AS source_file,
    CAST(load_id       AS VARCHAR)       AS load_id
FROM (
    -- files written before forecast versions existed have no forecast_made: it reads as NULL
    SELECT * FROM ${ledger_parquet}
    UNION ALL BY NAME
    SELECT CAST(NULL AS INTEGER) AS forecast_made WHERE false
)
WHERE scenario = 'FORECAST'
