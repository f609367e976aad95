-- meta.snapshot: one row: the snapshot this catalogue was built from.
CREATE TABLE meta.snapshot (
    snapshot_id VARCHAR     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    load_id     VARCHAR     NOT NULL
)
