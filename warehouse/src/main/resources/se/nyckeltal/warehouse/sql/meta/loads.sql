-- meta.loads: one row per load attempt (published, nothing new or failed), with its file count, row
-- counts and amounts summed over its files.
CREATE TABLE meta.loads (
    load_id            VARCHAR     NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ,
    outcome            VARCHAR     NOT NULL,  -- PUBLISHED | NOTHING_NEW | FAILED (a load that died too)
    snapshot_id        VARCHAR,
    landing            VARCHAR,
    message            VARCHAR,
    files              INTEGER     NOT NULL,
    rows_loaded        BIGINT      NOT NULL,
    rows_quarantined   BIGINT      NOT NULL,
    amount_total       DECIMAL(38,4),
    amount_loaded      DECIMAL(38,4),
    amount_quarantined DECIMAL(38,4)
)
