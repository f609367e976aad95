-- internal.listing_monthly: one row per period × cost centre (the listing unit) × measure × gender × age band with
-- listings: the quantity at month end and the capitation it earns that month (vårdval, SPEC §3, §5).
--   measure      as delivered; a CNI factor that no row of capitation_rates.csv prices is CNI_UNMAPPED (all
--                unknown factors together; meta.data_quality names them)
--   ownership    the unit's ownership in org_units.csv valid on the month's first day (PUBLIC | PRIVATE)
--   component    the capitation component the row is priced by: LISTED → AGE_SEX (key 'K:0-4'),
--                ACG_POINTS → ACG, CNI_<FACTOR> → CNI (key = the factor), ACTIVE_LISTED → ACTIVE_LISTED
--   priced       the unit-month can be priced: the unit has an ownership and capitation_rates.csv has rates
--                for that year and ownership. Capitation is computed for priced unit-months only; the others
--                are data-quality findings, never a silent zero
--   rate         kr per month from dim.capitation_rate; NULL when that key has no rate (a finding as well)
--   capitation   rate × quantity for priced rows (0 where the key has no rate), NULL for unpriced rows
CREATE VIEW internal.listing_monthly AS
WITH cni_factors AS (
    SELECT DISTINCT key AS factor
    FROM dim.capitation_rate
    WHERE component = 'CNI'
),

listings AS (
    SELECT
        l.period,
        l.unit AS cost_center,
        CASE
            WHEN l.measure LIKE 'CNI\_%' ESCAPE '\'
                 AND NOT EXISTS (SELECT 1 FROM cni_factors AS f WHERE 'CNI_' || f.factor = l.measure)
                THEN 'CNI_UNMAPPED'
            ELSE l.measure
        END AS measure,
        l.gender,
        l.age_band,
        SUM(l.quantity) AS quantity
    FROM fact.listings AS l
    GROUP BY ALL
),

priced_years AS (
    SELECT DISTINCT year, ownership
    FROM dim.capitation_rate
),

keyed AS (
    SELECT
        l.period,
        l.cost_center,
        m.ownership,
        m.unit_type,
        l.measure,
        l.gender,
        l.age_band,
        l.quantity,
        CASE
            WHEN l.measure = 'LISTED' THEN 'AGE_SEX'
            WHEN l.measure = 'ACG_POINTS' THEN 'ACG'
            WHEN l.measure = 'ACTIVE_LISTED' THEN 'ACTIVE_LISTED'
            WHEN l.measure LIKE 'CNI\_%' ESCAPE '\' THEN 'CNI'
        END AS component,
        CASE
            WHEN l.measure = 'LISTED' THEN l.gender || ':' || l.age_band
            WHEN l.measure LIKE 'CNI\_%' ESCAPE '\' THEN substr(l.measure, 5)
            ELSE ''
        END AS rate_key,
        p.year IS NOT NULL AS priced
    FROM listings AS l
    JOIN internal.org_map AS m
        ON m.period = l.period
       AND m.cost_center = l.cost_center
    LEFT JOIN priced_years AS p
        ON p.year = l.period // 100
       AND p.ownership = m.ownership
)

SELECT
    k.period,
    k.cost_center,
    k.ownership,
    k.unit_type,
    k.measure,
    k.gender,
    k.age_band,
    k.quantity,
    k.component,
    k.rate_key,
    k.priced,
    r.rate,
    CASE WHEN k.priced THEN COALESCE(r.rate, 0) * k.quantity END AS capitation
FROM keyed AS k
LEFT JOIN dim.capitation_rate AS r
    ON k.priced
   AND r.year = k.period // 100
   AND r.ownership = k.ownership
   AND r.component = k.component
   AND r.key = k.rate_key
