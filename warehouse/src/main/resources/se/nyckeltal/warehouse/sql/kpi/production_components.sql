-- kpi.production_components: one row per production KPI × period × time window × org level × org × measure,
-- for every period with ACTUAL production rows (drg_points also in the month after a month with ACTUAL DRG
-- points, where that month's DRG figure is reported even before the month has production). All providers count (own production, region-run and private
-- vårdcentraler, private providers); the production tables (kpi.production_report) split them. The measures
-- of a window W at period P:
--   actual         ACTUAL rows of W
--   budget         BUDGET rows of W
--   previous_year  ACTUAL rows of W twelve months earlier
-- A measure row exists only when the org has rows of the KPI's contact types of that scenario in those
-- months (weighted_care_services: of any contact type). Every measure rolls up with the structure of P
-- (kpi.org_rollup), like-for-like.
--
-- Each KPI is a numerator and a denominator summed over the org's units before anything is divided;
-- ratio_scale says how kpi_values divides (NULL = additive, value = numerator).
--
--   production.<CONTACT_TYPE>   Σ volume of the contact type ('UNMAPPED': codes missing from contact_types.csv)
--   weighted_care_services      Σ weighted_volume (volume × the contact type's weight that year)
--   drg_points                  production.DRG_POINTS of the same window type one month earlier: at P the
--                               window at P − 1 (ytd at January = the whole previous year), and its budget
--                               and previous year lagged alike
--   bed_occupancy_pct           Σ OCCUPIED_BEDS_0600 ÷ Σ AVAILABLE_BEDS × 100
--   average_length_of_stay      Σ BED_DAYS_SOMATIC ÷ Σ DISCHARGE_SOMATIC (days)
CREATE VIEW kpi.production_components AS
WITH production_periods AS (
    SELECT DISTINCT period
    FROM kpi.production_monthly
    WHERE scenario = 'ACTUAL'
),

-- where each kind of figure is reported: lag 0 at the production periods; lag 1 (drg_points) there and in
-- the month after each month with ACTUAL DRG points
reported_periods (period, lag_months) AS (
    SELECT period, 0 FROM production_periods
    UNION
    SELECT period, 1 FROM production_periods
    UNION
    SELECT DISTINCT CASE WHEN period % 100 = 12 THEN period + 89 ELSE period + 1 END, 1
    FROM kpi.production_monthly
    WHERE scenario = 'ACTUAL' AND contact_type = 'DRG_POINTS'
),

contact_monthly AS (
    SELECT period, scenario, cost_center, contact_type, SUM(volume) AS volume, SUM(weighted_volume) AS weighted_volume
    FROM kpi.production_monthly
    GROUP BY period, scenario, cost_center, contact_type
),

measure_feeds (measure, scenario, years_back) AS (
    VALUES
        ('actual',        'ACTUAL', 0),
        ('budget',        'BUDGET', 0),
        ('previous_year', 'ACTUAL', 1)
),

-- Σ per contact type; DRG points also one month lagged (lag_months 1), everything else as is
window_volumes AS (
    SELECT
        w.period,
        w.time_window,
        w.lag_months,
        r.org_level,
        r.org_id,
        r.org_name,
        f.measure,
        m.contact_type,
        SUM(m.volume)          AS volume,
        SUM(m.weighted_volume) AS weighted_volume
    FROM kpi.production_window_months AS w
    JOIN reported_periods AS p
        ON p.period = w.period
       AND p.lag_months = w.lag_months
    CROSS JOIN measure_feeds AS f
    JOIN contact_monthly AS m
        ON m.period = w.month_period - 100 * f.years_back
       AND m.scenario = f.scenario
    JOIN kpi.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = m.cost_center
    WHERE w.lag_months = 0 OR m.contact_type = 'DRG_POINTS'
    GROUP BY w.period, w.time_window, w.lag_months, r.org_level, r.org_id, r.org_name, f.measure, m.contact_type
),

components AS (
    SELECT 'production.' || contact_type AS kpi_id, period, time_window, org_level, org_id, org_name, measure,
           volume AS numerator, CAST(NULL AS DECIMAL(38,6)) AS denominator, CAST(NULL AS DECIMAL(38,6)) AS ratio_scale
    FROM window_volumes
    WHERE lag_months = 0

    UNION ALL
    SELECT 'weighted_care_services', period, time_window, org_level, org_id, org_name, measure,
           SUM(weighted_volume), NULL, NULL
    FROM window_volumes
    WHERE lag_months = 0
    GROUP BY period, time_window, org_level, org_id, org_name, measure

    UNION ALL
    SELECT 'drg_points', period, time_window, org_level, org_id, org_name, measure, volume, NULL, NULL
    FROM window_volumes
    WHERE lag_months = 1

    UNION ALL
    SELECT 'bed_occupancy_pct', period, time_window, org_level, org_id, org_name, measure,
           COALESCE(SUM(volume) FILTER (WHERE contact_type = 'OCCUPIED_BEDS_0600'), 0),
           COALESCE(SUM(volume) FILTER (WHERE contact_type = 'AVAILABLE_BEDS'), 0),
           100
    FROM window_volumes
    WHERE lag_months = 0 AND contact_type IN ('OCCUPIED_BEDS_0600', 'AVAILABLE_BEDS')
    GROUP BY period, time_window, org_level, org_id, org_name, measure

    UNION ALL
    SELECT 'average_length_of_stay', period, time_window, org_level, org_id, org_name, measure,
           COALESCE(SUM(volume) FILTER (WHERE contact_type = 'BED_DAYS_SOMATIC'), 0),
           COALESCE(SUM(volume) FILTER (WHERE contact_type = 'DISCHARGE_SOMATIC'), 0),
           1
    FROM window_volumes
    WHERE lag_months = 0 AND contact_type IN ('BED_DAYS_SOMATIC', 'DISCHARGE_SOMATIC')
    GROUP BY period, time_window, org_level, org_id, org_name, measure
)

SELECT
    kpi_id,
    period,
    time_window,
    org_level,
    org_id,
    org_name,
    measure,
    numerator,
    denominator,
    ratio_scale,
    false AS suppressed
FROM components
