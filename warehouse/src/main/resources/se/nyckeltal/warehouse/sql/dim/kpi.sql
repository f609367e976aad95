-- dim.kpi: one row per published KPI (kpi_catalogue.csv), with its Swedish name as the månadsrapport
-- says it. good_direction ('up' | 'down') decides kpi_values.trend; has_budget whether budget_value is
-- computed.
CREATE TABLE dim.kpi (
    kpi_id         VARCHAR NOT NULL,
    name_sv        VARCHAR NOT NULL,
    unit           VARCHAR,
    good_direction VARCHAR NOT NULL,
    has_budget     BOOLEAN NOT NULL,
    source         VARCHAR,
    description    VARCHAR
)
