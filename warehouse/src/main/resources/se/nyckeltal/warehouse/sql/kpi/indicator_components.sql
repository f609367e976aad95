-- kpi.indicator_components: one row per indicator KPI (indicator.<INDICATOR>) × period × time window × org
-- level × org × measure ('actual', 'budget', 'previous_year'), for every period with ACTUAL indicator rows;
-- the shape of kpi.ledger_components. Every measure rolls up with the org structure of the period
-- (kpi.org_rollup), like-for-like.
--
--   numerator, denominator   Σ over the org's units and the window's months, divided only in kpi_values:
--                            value = Σ numerator ÷ Σ denominator × scale — never an average of unit ratios
--   ytd = 'sum'              every month of the window
--   ytd = 'last'             only the last month of the window in which the org has rows of the indicator
--                            (a stock such as the waiting list at month end); at month level the same thing
--   a count                  no row had a denominator: value = Σ numerator (ratio_scale NULL)
-- Indicators missing from dim.indicator (indicators.csv changed since the load) are not published.
CREATE VIEW kpi.indicator_components AS
WITH indicator_periods AS (
    SELECT DISTINCT period
    FROM fact.indicator
    WHERE scenario = 'ACTUAL'
),

measure_feeds (measure, scenario, years_back) AS (
    VALUES
        ('actual',        'ACTUAL', 0),
        ('budget',        'BUDGET', 0),
        ('previous_year', 'ACTUAL', 1)
),

-- one row per window × org × indicator × month with rows: the month's parts over the org's units
monthly AS (
    SELECT
        w.period,
        w.time_window,
        f.measure,
        r.org_level,
        r.org_id,
        any_value(r.org_name) AS org_name,
        i.indicator,
        i.period              AS month_period,
        SUM(i.numerator)      AS numerator,
        SUM(i.denominator)    AS denominator
    FROM kpi.window_months AS w
    JOIN indicator_periods AS p
        ON p.period = w.period
    CROSS JOIN measure_feeds AS f
    JOIN fact.indicator AS i
        ON i.period = w.month_period - 100 * f.years_back
       AND i.scenario = f.scenario
    JOIN kpi.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = i.unit
    GROUP BY w.period, w.time_window, f.measure, r.org_level, r.org_id, i.indicator, i.period
),

with_last AS (
    SELECT
        m.*,
        d.kpi_id,
        d.scale,
        d.ytd,
        max(m.month_period) OVER (
            PARTITION BY m.period, m.time_window, m.measure, m.org_level, m.org_id, m.indicator
        ) AS last_month
    FROM monthly AS m
    JOIN dim.indicator AS d
        ON d.indicator = m.indicator
)

SELECT
    kpi_id,
    period,
    time_window,
    org_level,
    org_id,
    any_value(org_name)                                          AS org_name,
    measure,
    SUM(numerator)                                               AS numerator,
    SUM(denominator)                                             AS denominator,
    CASE WHEN SUM(denominator) IS NOT NULL THEN any_value(scale) END AS ratio_scale,
    false                                                        AS suppressed
FROM with_last
WHERE ytd = 'sum' OR month_period = last_month
GROUP BY kpi_id, period, time_window, org_level, org_id, measure
