-- fact.ledger: one row per period × cost_center × account × activity × counterpart × scenario
-- (FactSchema.LEDGER), amounts with the ledger's sign (debit +: costs positive, revenues negative).
-- Reads the snapshot's live Parquet files only: an explicit list of absolute paths, never a glob,
-- because files a later delivery superseded stay in the same year=/month= folders. period and
-- scenario come from inside the files, not from the folder names.
CREATE VIEW fact.ledger AS
SELECT
    CAST(period      AS INTEGER)       AS period,
    CAST(scenario    AS VARCHAR)       AS scenario,
    CAST(cost_center AS VARCHAR)       AS cost_center,
    CAST(account     AS VARCHAR)       AS account,
    CAST(activity    AS VARCHAR)       AS activity,
    CAST(counterpart AS VARCHAR)       AS counterpart,
    CAST(amount      AS DECIMAL(18,2)) AS amount,
    CAST(source_file AS VARCHAR)       AS source_file,
    CAST(load_id     AS VARCHAR)       AS load_id
FROM ${ledger_parquet}
