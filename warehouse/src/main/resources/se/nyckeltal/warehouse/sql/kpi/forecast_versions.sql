-- kpi.forecast_versions: one row per KPI × year × forecast_made × org level × org: the KPI over the whole
-- year on that forecast (helårsprognos), every forecast made kept, so "Prognos från februari" can be set
-- beside the tertial's. forecast_made NULL is a forecast delivered without a forecast month. KPIs: revenue,
-- cost, result, personnel_cost, agency_cost (kr, as in kpi.kpi_values). Rolled up with the org structure of
-- the month the forecast was made (January of the year for a forecast made the year before, December for
-- one without a month).
CREATE VIEW kpi.forecast_versions AS
WITH versions AS (
    SELECT
        forecast_made,
        period // 100 AS year,
        CASE
            WHEN forecast_made // 100 = period // 100 THEN forecast_made
            WHEN forecast_made // 100 < period // 100 THEN period // 100 * 100 + 1
            ELSE period // 100 * 100 + 12
        END AS structure_period,
        cost_center,
        revenue,
        cost,
        personnel_cost,
        agency_cost
    FROM internal.ledger_forecast_monthly
),

rolled AS (
    SELECT
        v.year,
        v.forecast_made,
        r.org_level,
        r.org_id,
        any_value(r.org_name) AS org_name,
        SUM(v.revenue)        AS revenue,
        SUM(v.cost)           AS cost,
        SUM(v.personnel_cost) AS personnel_cost,
        SUM(v.agency_cost)    AS agency_cost
    FROM versions AS v
    JOIN internal.org_rollup AS r
        ON r.period = v.structure_period
       AND r.cost_center = v.cost_center
    GROUP BY v.year, v.forecast_made, r.org_level, r.org_id
)

SELECT
    CAST(k.kpi_id AS VARCHAR)        AS kpi_id,
    CAST(r.year AS INTEGER)          AS year,
    CAST(r.forecast_made AS INTEGER) AS forecast_made,
    r.org_level,
    r.org_id,
    r.org_name,
    CAST(k.value AS DECIMAL(38,6))   AS value
FROM rolled AS r
CROSS JOIN LATERAL (
    VALUES
        ('revenue',        r.revenue),
        ('cost',           r.cost),
        ('result',         r.revenue - r.cost),
        ('personnel_cost', r.personnel_cost),
        ('agency_cost',    r.agency_cost)
) AS k (kpi_id, value)
