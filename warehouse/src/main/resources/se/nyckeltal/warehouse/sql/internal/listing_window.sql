-- internal.listing_window: one row per period × time window × org level × org × measure ('actual' |
-- 'previous_year') with listings, for every period with listings (vårdval, SPEC §5): the sums the listing KPIs
-- (kpi/definitions/listings/) divide or add, over the window's months and the org's units. Listings have no
-- budget. Every measure rolls up with the structure of P (internal.org_rollup, 'ownership' included),
-- like-for-like.
--   listed, listed_months        Σ monthly LISTED, and the number of months of W with LISTED rows (listed is a
--                                stock: its window value is the mean of the months, never their sum)
--   listed_priced                Σ monthly LISTED of the priced unit-months only
--   acg_points                   Σ ACG_POINTS
--   capitation                   Σ rate × quantity of the priced unit-months, every component (0 when none)
--   capitation_age_sex, _acg, _cni, _active_listed   the same per component
--   priced                       the org has a priced unit-month in W (a unit with an ownership in a year
--                                with rates); a unit without ownership or a year without rates has no
--                                capitation (NULL, and a finding in meta.data_quality), never a silent 0
-- A table, computed once per build (every listing KPI definition reads it), and only for the periods from
-- ${recompute_from} on: a period's windows reach back, never ahead (incremental-by-month, build-order.txt).
CREATE TABLE internal.listing_window AS
WITH listing_periods AS (
    SELECT DISTINCT period
    FROM internal.listing_monthly
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
    FROM internal.listing_monthly
    GROUP BY period, cost_center
)

SELECT
    w.period,
    w.time_window,
    r.org_level,
    r.org_id,
    r.org_name,
    w.measure,
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
FROM internal.comparison_window AS w
JOIN listing_periods AS p
    ON p.period = w.period
JOIN unit_months AS m
    ON m.period = w.month_period
JOIN internal.org_rollup AS r
    ON r.period = w.period
   AND r.cost_center = m.cost_center
WHERE w.lag_months = 0
  AND w.role = 'current'
  AND w.measure IN ('actual', 'previous_year')
  AND w.period >= ${recompute_from}
GROUP BY w.period, w.time_window, r.org_level, r.org_id, r.org_name, w.measure
ORDER BY w.period, w.time_window, r.org_level, r.org_id, w.measure
