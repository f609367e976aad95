-- kpi_id:         indicator.<INDICATOR>
-- good_direction: member
-- has_budget:     false
-- window:         member
-- definition:     Σ numerator ÷ Σ denominator × scale over W, or over the last month of W in which the org has
--                 rows (`ytd = last`, a stock such as a waiting list at month end); Σ numerator for a count
--                 (no row has a denominator). Name, unit, good direction, scale and rule per indicator from
--                 `indicators.csv`; measurements from `indicators/`
--
-- A family: one KPI per indicator of indicators.csv (dim.indicator), which describes each: the first statement
-- takes its name, unit, good direction (up, down or neutral: no trend) and window rule from there, so an indicator
-- the measurements name but indicators.csv does not is not published. The second computes them: one row per
-- period × time window × org level × org × measure ('actual', 'budget', 'previous_year') × indicator, for every
-- period with ACTUAL indicator rows. Every measure rolls up with the org structure of the period
-- (internal.org_rollup), like-for-like; parts are summed over the org's units and months and divided only in
-- kpi.kpi_values, never an average of unit ratios.
SELECT
    indicator                                                               AS member,
    name                                                                    AS name_sv,
    unit,
    good_direction,
    CASE ytd WHEN 'last' THEN 'latest_in_year' ELSE 'sum' END               AS window_rule,
    'Σ täljare ÷ Σ nämnare × ' || rtrim(rtrim(CAST(scale AS VARCHAR), '0'), '.') || ' ('
        || CASE ytd WHEN 'last' THEN 'sista månaden med data i perioden' ELSE 'summerat över perioden' END
        || '), från indicators/ (indicators.csv).'                          AS description
FROM dim.indicator;

WITH indicator_periods AS (
    SELECT DISTINCT period
    FROM fact.indicator
    WHERE scenario = 'ACTUAL'
),

-- one row per window × org × indicator × month with rows: the month's parts over the org's units
monthly AS (
    SELECT
        w.period,
        w.time_window,
        w.measure,
        r.org_level,
        r.org_id,
        any_value(r.org_name) AS org_name,
        i.indicator,
        i.period              AS month_period,
        SUM(i.numerator)      AS numerator,
        SUM(i.denominator)    AS denominator
    FROM internal.comparison_window AS w
    JOIN indicator_periods AS p
        ON p.period = w.period
    JOIN fact.indicator AS i
        ON i.period = w.month_period
       AND i.scenario = w.scenario
    JOIN internal.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = i.unit
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'budget', 'previous_year')
    GROUP BY w.period, w.time_window, w.measure, r.org_level, r.org_id, i.indicator, i.period
),

with_last AS (
    SELECT
        m.*,
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
    indicator                                                    AS member,
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
GROUP BY indicator, period, time_window, org_level, org_id, measure
