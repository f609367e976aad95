-- meta.load_files: one row per delivered file per load attempt: what the load did with it.
-- Amounts reconcile: amount_total = amount_loaded + amount_quarantined + amount_superseded.
-- partitions is a comma list of SCENARIO:YYYYMM.
CREATE TABLE meta.load_files (
    load_id              VARCHAR NOT NULL,
    source               VARCHAR NOT NULL,
    path                 VARCHAR NOT NULL,
    sha256               VARCHAR,
    status               VARCHAR NOT NULL,  -- LOADED | SKIPPED_ALREADY_LOADED | SKIPPED_DUPLICATE | REJECTED
                                            -- | NOT_PUBLISHED (its load failed or died) | WAITING (still
                                            -- being written: read by a later load) | REFUSED_LINK
    encoding             VARCHAR,
    delimiter            VARCHAR,
    rows_read            BIGINT  NOT NULL,
    rows_loaded          BIGINT  NOT NULL,
    rows_quarantined     BIGINT  NOT NULL,
    rows_unparsed_amount BIGINT  NOT NULL,
    blank_lines          BIGINT  NOT NULL,
    amount_total         DECIMAL(38,4),
    amount_loaded        DECIMAL(38,4),
    amount_quarantined   DECIMAL(38,4),
    amount_superseded    DECIMAL(38,4),
    reconciled           BOOLEAN NOT NULL,
    partitions           VARCHAR NOT NULL,
    message              VARCHAR
)
