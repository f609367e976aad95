-- dim.kpi_target: one row per KPI × year with a target (mål) in kpi_targets.csv.
CREATE TABLE dim.kpi_target (
    kpi_id VARCHAR        NOT NULL,
    year   INTEGER        NOT NULL,
    target DECIMAL(38,6)  NOT NULL
)
