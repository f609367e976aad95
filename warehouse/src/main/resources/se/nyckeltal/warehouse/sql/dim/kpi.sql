-- dim.kpi: one row per published KPI (the headers of kpi/definitions/; a family's members from its members
-- statement), with its Swedish name as the månadsrapport says it. good_direction ('up' | 'down') decides
-- kpi_values.trend; has_budget whether budget_value is computed; source is the definition's folder;
-- window_rule which months of a window the value is taken over (sum, lagged_one_month, …).
CREATE TABLE dim.kpi (
    kpi_id         VARCHAR NOT NULL,
    name_sv        VARCHAR NOT NULL,
    unit           VARCHAR,
    good_direction VARCHAR NOT NULL,
    has_budget     BOOLEAN NOT NULL,
    source         VARCHAR,
    description    VARCHAR,
    window_rule    VARCHAR NOT NULL
)
