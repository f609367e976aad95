-- kpi.listing_components: one row per listing KPI × period × time window × org level × org × measure
-- ('actual' | 'previous_year'), for every period with listings (vårdval, SPEC §5). Listings have no budget.
-- Every measure rolls up with the structure of P (kpi.org_rollup, 'ownership' included), like-for-like.
--
--   listed                      Σ monthly LISTED ÷ the number of months of W with LISTED rows: a stock, so
--                               its ytd is the mean of the months, never their sum
--   capitation                  Σ over W's months of rate × quantity, all components (kpi.listing_monthly)
--   capitation.<COMPONENT>      the same for AGE_SEX, ACG, CNI, ACTIVE_LISTED
--   capitation_per_listed       capitation ÷ Σ monthly LISTED of the same unit-months (kr per listed and month)
--   acg_casemix                 Σ ACG_POINTS ÷ Σ monthly LISTED
-- Capitation and capitation per listed count the priced unit-months only (a unit with an ownership in a
-- year with rates); a unit without ownership or a year without rates has no capitation rows (NULL, and a
-- finding in meta.data_quality), so it neither shows as 0 nor dilutes the per-listed figure.
CREATE VIEW kpi.listing_components AS
WITH listing_periods AS (
    SELECT DISTINCT period
    FROM kpi.listing_monthly
),

unit_months AS (
    SELECT
        period,
        cost_center,
        SUM(quantity)   FILTER (WHERE measure = 'LISTED')                AS listed,
        SUM(quantity)   FILTER (WHERE measure = 'LISTED' AND priced)     AS listed_priced,
        SUM(quantity)   FILTER (WHERE measure = 'ACG_POINTS')            AS acg_points,
        SUM(capitation) FILTER (WHERE priced)                            AS capitation,
        SUM(capitation) FILTER (WHERE component = 'AGE_SEX')             AS capitation_age_sex,
        SUM(capitation) FILTER (WHERE component = 'ACG')                 AS capitation_acg,
        SUM(capitation) FILTER (WHERE component = 'CNI')                 AS capitation_cni,
        SUM(capitation) FILTER (WHERE component = 'ACTIVE_LISTED')       AS capitation_active_listed,
        bool_or(priced)                                                  AS priced
    FROM kpi.listing_monthly
    GROUP BY period, cost_center
),

measure_feeds (measure, years_back) AS (
    VALUES ('actual', 0), ('previous_year', 1)
),

window_sums AS (
    SELECT
        w.period,
        w.time_window,
        r.org_level,
        r.org_id,
        r.org_name,
        f.measure,
        SUM(m.listed)                                                    AS listed,
        count(DISTINCT m.period) FILTER (WHERE m.listed IS NOT NULL)     AS listed_months,
        SUM(m.listed_priced)                                             AS listed_priced,
        SUM(m.acg_points)                                                AS acg_points,
        COALESCE(SUM(m.capitation), 0)                                   AS capitation,
        COALESCE(SUM(m.capitation_age_sex), 0)                           AS capitation_age_sex,
        COALESCE(SUM(m.capitation_acg), 0)                               AS capitation_acg,
        COALESCE(SUM(m.capitation_cni), 0)                               AS capitation_cni,
        COALESCE(SUM(m.capitation_active_listed), 0)                     AS capitation_active_listed,
        bool_or(m.priced)                                                AS priced
    FROM kpi.window_months AS w
    JOIN listing_periods AS p
        ON p.period = w.period
    CROSS JOIN measure_feeds AS f
    JOIN unit_months AS m
        ON m.period = w.month_period - 100 * f.years_back
    JOIN kpi.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = m.cost_center
    GROUP BY w.period, w.time_window, r.org_level, r.org_id, r.org_name, f.measure
),

components AS (
    SELECT 'listed' AS kpi_id, period, time_window, org_level, org_id, org_name, measure,
           listed AS numerator, CAST(listed_months AS DECIMAL(38,6)) AS denominator,
           CAST(1 AS DECIMAL(38,6)) AS ratio_scale
    FROM window_sums
    WHERE listed IS NOT NULL

    UNION ALL
    SELECT 'capitation', period, time_window, org_level, org_id, org_name, measure, capitation, NULL, NULL
    FROM window_sums
    WHERE priced

    UNION ALL
    SELECT 'capitation.AGE_SEX', period, time_window, org_level, org_id, org_name, measure, capitation_age_sex,
           NULL, NULL
    FROM window_sums
    WHERE priced

    UNION ALL
    SELECT 'capitation.ACG', period, time_window, org_level, org_id, org_name, measure, capitation_acg, NULL, NULL
    FROM window_sums
    WHERE priced

    UNION ALL
    SELECT 'capitation.CNI', period, time_window, org_level, org_id, org_name, measure, capitation_cni, NULL, NULL
    FROM window_sums
    WHERE priced

    UNION ALL
    SELECT 'capitation.ACTIVE_LISTED', period, time_window, org_level, org_id, org_name, measure,
           capitation_active_listed, NULL, NULL
    FROM window_sums
    WHERE priced

    UNION ALL
    SELECT 'capitation_per_listed', period, time_window, org_level, org_id, org_name, measure, capitation,
           COALESCE(listed_priced, 0), 1
    FROM window_sums
    WHERE priced

    UNION ALL
    SELECT 'acg_casemix', period, time_window, org_level, org_id, org_name, measure, acg_points,
           COALESCE(listed, 0), 1
    FROM window_sums
    WHERE acg_points IS NOT NULL
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
