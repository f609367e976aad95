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
        SUM(m.external_revenue) AS external_revenue,
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
),

-- The cost development KPIs compare the year's forecast with the previous year's ACTUAL whole year, cost and
-- net cost (cost − revenue without the regional allocation), in the org structure of the period.
previous_year AS (
    SELECT
        c.period,
        r.org_level,
        r.org_id,
        SUM(m.cost)                      AS cost,
        SUM(m.cost - m.external_revenue) AS net_cost
    FROM chosen AS c
    JOIN internal.ledger_monthly AS m
        ON m.period // 100 = c.year - 1
       AND m.scenario = 'ACTUAL'
    JOIN internal.org_rollup AS r
        ON r.period = c.period
       AND r.cost_center = m.cost_center
    GROUP BY c.period, r.org_level, r.org_id
),

-- Production's helårsprognos: the FORECAST rows of the period's year (production forecasts have no version),
-- as kpi.production_own's forecast_full_year, for production.<CONTACT_TYPE>, operations_total,
-- weighted_care_services, bed_occupancy_pct and average_length_of_stay.
production_amounts AS (
    SELECT
        p.period,
        r.org_level,
        r.org_id,
        m.contact_type,
        SUM(m.volume)          AS volume,
        SUM(m.weighted_volume) AS weighted_volume
    FROM dim.period AS p
    JOIN internal.production_monthly AS m
        ON m.period // 100 = p.year
       AND m.scenario = 'FORECAST'
    JOIN internal.org_rollup AS r
        ON r.period = p.period
       AND r.cost_center = m.cost_center
    GROUP BY p.period, r.org_level, r.org_id, m.contact_type
),

production_totals AS (
    SELECT
        period,
        org_level,
        org_id,
        SUM(weighted_volume)                                                              AS weighted_volume,
        SUM(volume) FILTER (WHERE contact_type IN ('OPERATION_INPATIENT', 'OPERATION_DAY_SURGERY',
                                                   'OPERATION_CLINIC'))                   AS operations,
        SUM(volume) FILTER (WHERE contact_type = 'OCCUPIED_BEDS_0600')                    AS occupied_beds,
        SUM(volume) FILTER (WHERE contact_type = 'AVAILABLE_BEDS')                        AS available_beds,
        SUM(volume) FILTER (WHERE contact_type = 'BED_DAYS_SOMATIC')                      AS bed_days,
        SUM(volume) FILTER (WHERE contact_type = 'DISCHARGE_SOMATIC')                     AS discharges
    FROM production_amounts
    GROUP BY period, org_level, org_id
)

SELECT k.kpi_id, a.period, a.org_level, a.org_id, k.value
FROM amounts AS a
LEFT JOIN previous_year AS b
    ON b.period = a.period
   AND b.org_level = a.org_level
   AND b.org_id = a.org_id
CROSS JOIN LATERAL (
    VALUES
        -- one type for every row (the percentages have 6 decimals): amounts stay exact
        ('revenue',        CAST(a.revenue AS DECIMAL(38,6))),
        ('cost',           CAST(a.cost AS DECIMAL(38,6))),
        ('result',         CAST(a.revenue - a.cost AS DECIMAL(38,6))),
        ('personnel_cost', CAST(a.personnel_cost AS DECIMAL(38,6))),
        ('agency_cost',    CAST(a.agency_cost AS DECIMAL(38,6))),
        ('gross_cost_development_pct',
            CAST(CASE WHEN b.cost <> 0 THEN (CAST(a.cost AS DOUBLE) / CAST(b.cost AS DOUBLE) - 1) * 100 END
                 AS DECIMAL(38,6))),
        ('net_cost_development_pct',
            CAST(CASE WHEN b.net_cost <> 0
                      THEN (CAST(a.cost - a.external_revenue AS DOUBLE) / CAST(b.net_cost AS DOUBLE) - 1) * 100 END
                 AS DECIMAL(38,6)))
) AS k (kpi_id, value)

UNION ALL

SELECT 'production.' || contact_type, period, org_level, org_id, CAST(volume AS DECIMAL(38,6))
FROM production_amounts

UNION ALL

SELECT k.kpi_id, t.period, t.org_level, t.org_id, k.value
FROM production_totals AS t
CROSS JOIN LATERAL (
    VALUES
        ('weighted_care_services', CAST(t.weighted_volume AS DECIMAL(38,6))),
        ('operations_total',       CAST(t.operations AS DECIMAL(38,6))),
        ('bed_occupancy_pct',
            CAST(CASE WHEN t.available_beds <> 0
                      THEN CAST(t.occupied_beds AS DOUBLE) * 100 / CAST(t.available_beds AS DOUBLE) END
                 AS DECIMAL(38,6))),
        ('average_length_of_stay',
            CAST(CASE WHEN t.discharges <> 0 THEN CAST(t.bed_days AS DOUBLE) / CAST(t.discharges AS DOUBLE) END
                 AS DECIMAL(38,6)))
) AS k (kpi_id, value)
WHERE k.value IS NOT NULL
