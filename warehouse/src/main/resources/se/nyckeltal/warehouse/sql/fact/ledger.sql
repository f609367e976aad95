-- fact.ledger: one row per period × cost_center × account × activity × counterpart × scenario
-- (FactSchema.LEDGER), amounts with the ledger's sign (debit +: costs positive, revenues negative).
-- FORECAST rows are those of the forecast in force for the period's year (internal.ledger_forecast_in_force):
-- the latest forecast_made of that year (rows without forecast_made only when the year has no versioned
-- forecast), so a sum over FORECAST never adds two forecasts up. Every forecast made is in fact.ledger_forecasts.
-- Reads the snapshot's live Parquet files only: an explicit list of absolute paths, never a glob,
-- because files a later delivery superseded stay in the same year=/month= folders. period and
-- scenario come from inside the files, not from the folder names.
CREATE VIEW fact.ledger AS
WITH delivered AS (
    -- files written before forecast versions existed have no forecast_made: it reads as NULL
    SELECT * FROM ${ledger_parquet}
    UNION ALL BY NAME
    SELECT CAST(NULL AS INTEGER) AS forecast_made WHERE false
)

SELECT
    CAST(period      AS INTEGER)       AS period,
    CAST(scenario    AS VARCHAR)       AS scenario,
    CAST(cost_center AS VARCHAR)       AS cost_center,
    CAST(account     AS VARCHAR)       AS account,
    CAST(activity    AS VARCHAR)       AS activity,
    CAST(counterpart AS VARCHAR)       AS counterpart,
    CAST(amount      AS DECIMAL(18,2)) AS amount,
    CAST(source_file AS VARCHAR)       AS source_file,
    CAST(load_id     AS VARCHAR)       AS load_id,
    CAST(d.forecast_made AS INTEGER)   AS forecast_made
FROM delivered AS d
LEFT JOIN internal.ledger_forecast_in_force AS f
    ON d.scenario = 'FORECAST'
   AND f.year = CAST(d.period AS INTEGER) // 100
WHERE d.scenario <> 'FORECAST'
   OR d.forecast_made IS NOT DISTINCT FROM f.forecast_made
