-- internal.forecast_full_year: one row per KPI × period × org level × org: the KPI over the period's whole year
-- on the latest forecast made at or before the period (a forecast without a forecast month when the year
-- has none made by then); kpi.kpi_values shows it as forecast_full_year_value, for both windows. Rolled up
-- with the org structure of the period, like every kpi_values figure. KPIs as in kpi.forecast_versions.
CREATE VIEW internal.forecast_full_year AS
WITH versions AS (
    SELECT DISTINCT period // 100 AS year, forecast_made
    FROM internal.ledger_forecast_monthly
),

chosen AS (
    SELECT
        p.period,
        p.year,
        max(v.forecast_made) FILTER (WHERE v.forecast_made <= p.period) AS forecast_made,
        bool_or(v.forecast_made IS NULL)                                  AS has_unversioned
    FROM dim.period AS p
    JOIN versions AS v
        ON v.year = p.year
    GROUP BY p.period, p.year
),

amounts AS (
    SELECT
        c.period,
        r.org_level,
        r.org_id,
        SUM(m.revenue)        AS revenue,
        SUM(m.cost)           AS cost,
        SUM(m.personnel_cost) AS personnel_cost,
        SUM(m.agency_cost)    AS agency_cost
    FROM chosen AS c
    JOIN internal.ledger_forecast_monthly AS m
        ON m.period // 100 = c.year
       AND m.forecast_made IS NOT DISTINCT FROM c.forecast_made
    JOIN internal.org_rollup AS r
        ON r.period = c.period
       AND r.cost_center = m.cost_center
    WHERE c.forecast_made IS NOT NULL OR c.has_unversioned
    GROUP BY c.period, r.org_level, r.org_id
)

SELECT k.kpi_id, a.period, a.org_level, a.org_id, k.value
FROM amounts AS a
CROSS JOIN LATERAL (
    VALUES
        ('revenue',        a.revenue),
        ('cost',           a.cost),
        ('result',         a.revenue - a.cost),
        ('personnel_cost', a.personnel_cost),
        ('agency_cost',    a.agency_cost)
) AS k (kpi_id, value)
