-- kpi.production_years: one row per period × org level × org × contact type × provider with ACTUAL production
-- in the ytd window of P or of the same window in any of the four years before — the same months of up to
-- five years side by side (the seed's "Utfall 2014-08 … 2017-08": January to P's month of each year).
--   ytd                    Σ volume January–P
--   ytd_1_year_earlier     the same months a year earlier, … ytd_4_years_earlier four years earlier
-- NULL where the org has no rows of that contact type and provider in those months. Rolls up with the org
-- structure of P (like-for-like). Periods: those with ACTUAL production rows.
CREATE VIEW kpi.production_years AS
WITH production_periods AS (
    SELECT DISTINCT period
    FROM internal.production_monthly
    WHERE scenario = 'ACTUAL'
),

yearly AS (
    SELECT
        p.period,
        y.years_back,
        r.org_level,
        r.org_id,
        r.org_name,
        m.contact_type,
        m.provider,
        SUM(m.volume) AS volume
    FROM production_periods AS p
    JOIN internal.window_months AS w
        ON w.period = p.period
       AND w.time_window = 'ytd'
    CROSS JOIN range(0, 5) AS y (years_back)
    JOIN internal.production_monthly AS m
        ON m.period = w.month_period - 100 * y.years_back
       AND m.scenario = 'ACTUAL'
    JOIN internal.org_rollup AS r
        ON r.period = p.period
       AND r.cost_center = m.cost_center
    GROUP BY p.period, y.years_back, r.org_level, r.org_id, r.org_name, m.contact_type, m.provider
)

SELECT
    period,
    org_level,
    org_id,
    org_name,
    contact_type,
    provider,
    SUM(volume) FILTER (WHERE years_back = 0) AS ytd,
    SUM(volume) FILTER (WHERE years_back = 1) AS ytd_1_year_earlier,
    SUM(volume) FILTER (WHERE years_back = 2) AS ytd_2_years_earlier,
    SUM(volume) FILTER (WHERE years_back = 3) AS ytd_3_years_earlier,
    SUM(volume) FILTER (WHERE years_back = 4) AS ytd_4_years_earlier
FROM yearly
GROUP BY period, org_level, org_id, org_name, contact_type, provider
