-- dim.period: one row per month (period YYYYMM) of every year from the first to the last year that
-- has facts. Empty when nothing is loaded.
CREATE TABLE dim.period AS
WITH fact_periods AS (
    SELECT period FROM fact.ledger
    UNION ALL
    SELECT period FROM fact.production
    UNION ALL
    -- DRG points are reported a month late: the month after a DRG month is a reporting period too
    SELECT CASE WHEN period % 100 = 12 THEN period + 89 ELSE period + 1 END
    FROM fact.production
    WHERE contact_type = 'DRG_POINTS' AND scenario = 'ACTUAL'
    -- production and HR facts join this union when they arrive
    UNION ALL
    SELECT period FROM temp.hr_worked
    UNION ALL
    SELECT period FROM fact.indicator
    UNION ALL
    SELECT period FROM fact.action_plan
    UNION ALL
    SELECT period FROM fact.listings
),

year_range AS (
    SELECT min(period) // 100 AS first_year, max(period) // 100 AS last_year
    FROM fact_periods
),

months AS (
    SELECT CAST(y.year AS INTEGER) AS year, CAST(m.month AS INTEGER) AS month
    FROM year_range AS r
    CROSS JOIN range(r.first_year, r.last_year + 1) AS y(year)
    CROSS JOIN range(1, 13) AS m(month)
    WHERE r.first_year IS NOT NULL
)

SELECT
    year * 100 + month                                               AS period,
    year,
    month,
    make_date(year, month, 1)                                        AS first_day,
    last_day(make_date(year, month, 1))                              AS last_day,
    ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli',
     'augusti', 'september', 'oktober', 'november', 'december'][month] AS month_name,
    (month + 3) // 4                                                 AS tertial
FROM months
ORDER BY period
