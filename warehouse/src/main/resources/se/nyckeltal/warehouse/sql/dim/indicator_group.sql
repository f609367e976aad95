-- dim.indicator_group: one row per row of the report's indicator tables (indicator_groups.csv): the goal
-- heading (group) a KPI stands under, in file order. measure names the kpi.kpi_values column the row
-- shows ('value', or e.g. 'forecast_full_year_value' for Prognos). Any KPI may stand here.
CREATE TABLE dim.indicator_group (
    group_id      VARCHAR NOT NULL,
    group_name    VARCHAR NOT NULL,
    group_ordinal INTEGER NOT NULL,
    kpi_id        VARCHAR NOT NULL,
    measure       VARCHAR NOT NULL,
    ordinal       INTEGER NOT NULL
)
