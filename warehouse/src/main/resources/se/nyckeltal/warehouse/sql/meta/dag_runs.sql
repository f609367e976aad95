-- meta.dag_runs: one row per scheduled, manual or backfill run of a DAG that loads this warehouse,
-- as the scheduler last recorded it (W/meta/dag_runs/*.json). A run still going while the catalogue
-- was built shows as running; its final state appears with the next load.
CREATE TABLE meta.dag_runs (
    dag_id              VARCHAR     NOT NULL,
    run_id              VARCHAR     NOT NULL,
    run_type            VARCHAR,               -- scheduled | manual | backfill
    state               VARCHAR,               -- queued | running | success | failed
    logical_date        TIMESTAMPTZ,
    data_interval_start TIMESTAMPTZ,
    data_interval_end   TIMESTAMPTZ,
    queued_at           TIMESTAMPTZ,
    start_date          TIMESTAMPTZ,
    end_date            TIMESTAMPTZ,
    deadline_at         TIMESTAMPTZ,
    deadline_missed     BOOLEAN,
    tasks_total         INTEGER,
    tasks_succeeded     INTEGER,
    tasks_failed        INTEGER,
    tasks_skipped       INTEGER,
    failed_tasks        VARCHAR,
    note                VARCHAR
)
