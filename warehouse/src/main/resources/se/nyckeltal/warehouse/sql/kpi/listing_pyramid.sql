-- kpi.listing_pyramid (vårdval, for Power BI and the report): one row per period × org level × org × age band
-- × gender with LISTED rows — the listing pyramid at month end, the seed's "Ersättning efter ålder och kön".
--   age_from             the band's first year of age (to sort the bands)
--   listed               listed persons at the end of the month
--   share_of_total_pct   listed ÷ all listed of the org that month × 100
--   rate_public, rate_private   the AGE_SEX rate of the band in the period's year (kr per listed and month)
--   previous_year_rate_public, previous_year_rate_private   the same rates a year earlier
-- Rolls up with the org structure of the period, like every KPI.
CREATE VIEW kpi.listing_pyramid AS
WITH listed AS (
    SELECT
        l.period,
        r.org_level,
        r.org_id,
        r.org_name,
        l.age_band,
        l.gender,
        SUM(l.quantity) AS listed
    FROM internal.listing_monthly AS l
    JOIN internal.org_rollup AS r
        ON r.period = l.period
       AND r.cost_center = l.cost_center
    WHERE l.measure = 'LISTED'
    GROUP BY l.period, r.org_level, r.org_id, r.org_name, l.age_band, l.gender
)

SELECT
    l.period,
    l.org_level,
    l.org_id,
    l.org_name,
    l.age_band,
    CAST(split_part(l.age_band, '-', 1) AS INTEGER)                                       AS age_from,
    l.gender,
    l.listed,
    CAST(CAST(l.listed AS DOUBLE) * 100
         / NULLIF(SUM(CAST(l.listed AS DOUBLE)) OVER (PARTITION BY l.period, l.org_level, l.org_id), 0)
         AS DECIMAL(38,6))                                                                AS share_of_total_pct,
    pub.rate                                                                              AS rate_public,
    pri.rate                                                                              AS rate_private,
    pub_prev.rate                                                                         AS previous_year_rate_public,
    pri_prev.rate                                                                         AS previous_year_rate_private
FROM listed AS l
LEFT JOIN dim.capitation_rate AS pub
    ON pub.year = l.period // 100 AND pub.ownership = 'PUBLIC' AND pub.component = 'AGE_SEX'
   AND pub.key = l.gender || ':' || l.age_band
LEFT JOIN dim.capitation_rate AS pri
    ON pri.year = l.period // 100 AND pri.ownership = 'PRIVATE' AND pri.component = 'AGE_SEX'
   AND pri.key = l.gender || ':' || l.age_band
LEFT JOIN dim.capitation_rate AS pub_prev
    ON pub_prev.year = l.period // 100 - 1 AND pub_prev.ownership = 'PUBLIC' AND pub_prev.component = 'AGE_SEX'
   AND pub_prev.key = l.gender || ':' || l.age_band
LEFT JOIN dim.capitation_rate AS pri_prev
    ON pri_prev.year = l.period // 100 - 1 AND pri_prev.ownership = 'PRIVATE' AND pri_prev.component = 'AGE_SEX'
   AND pri_prev.key = l.gender || ':' || l.age_band
