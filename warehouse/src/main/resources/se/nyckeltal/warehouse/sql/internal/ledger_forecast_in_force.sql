-- internal.ledger_forecast_in_force: one row per year with FORECAST rows in the ledger: the forecast in force for
-- its periods, the latest forecast_made of that year (NULL when none of the year's FORECAST rows has one).
-- fact.ledger keeps the FORECAST rows of this version only. A table, worked out once per build: as part of the
-- view it scanned the ledger's files a second time on every read of fact.ledger.
CREATE TABLE internal.ledger_forecast_in_force AS
SELECT CAST(period AS INTEGER) // 100 AS year, max(forecast_made) AS forecast_made
FROM (
    -- files written before forecast versions existed have no forecast_made: it reads as NULL
    SELECT * FROM ${ledger_parquet}
    UNION ALL BY NAME
    SELECT CAST(NULL AS INTEGER) AS forecast_made WHERE false
)
WHERE scenario = 'FORECAST'
GROUP BY 1
ORDER BY 1
