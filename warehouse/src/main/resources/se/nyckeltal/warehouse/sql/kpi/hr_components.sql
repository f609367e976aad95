-- kpi.hr_components: one row per HR KPI × period × time window × org level × org × measure ('actual',
-- 'previous_year'), for every period with HR rows; the shape of kpi.ledger_components. Every measure
-- rolls up with the org structure of the period (kpi.org_rollup). No HR KPI has a budget.
--
--   worked_hours           Σ WORKED + OVERTIME hours, every staff category, ON_CALL excluded
--   fte                    worked_hours ÷ (norm hours of the year of W's last month × months in W ÷ 12),
--                          norm from dim.fte_norm (ratio_scale 1)
--   cost_per_worked_hour   personnel_cost (ledger ACTUAL, agency included) ÷ worked_hours, both summed over
--                          every cost centre of the org — none left out — for periods with ACTUAL ledger
--                          rows. At unit level that is the unit's booked personnel cost over the hours
--                          worked on the unit's cost centre: costs booked centrally (pensions, the resource
--                          pool's salaries) land where they are booked, so only area and total compare
--                          like the månadsrapport's figure. NULL where either side has no rows.
--   sick_leave_*           from kpi.hr_sick_leave (own staff with scheduled hours; NULL and suppressed for
--                          groups of 10 or fewer employees):
--     sick_leave_pct                   sick ÷ scheduled × 100, all own staff
--     sick_leave_pct_days_1_14 … _366_plus   sick hours on those days of the spell ÷ scheduled × 100
--     sick_leave_long_share_pct        sick hours from day 60 of the spell ÷ sick hours × 100
--     sick_leave_pct_women, _men, _age_0_29, _age_30_49, _age_50_plus   sick ÷ scheduled × 100 in the group
CREATE VIEW kpi.hr_components AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM fact.hr_time
),

ledger_periods AS (
    SELECT DISTINCT period
    FROM kpi.ledger_monthly
    WHERE scenario = 'ACTUAL'
),

measure_feeds (measure, years_back) AS (
    VALUES ('actual', 0), ('previous_year', 1)
),

worked AS (
    SELECT period, time_window, measure, org_level, org_id, org_name, worked_excl_on_call AS worked_hours,
           norm_hours
    FROM kpi.hr_window_hours
),

personnel AS (
    SELECT
        w.period,
        w.time_window,
        f.measure,
        r.org_level,
        r.org_id,
        any_value(r.org_name)    AS org_name,
        SUM(m.personnel_cost)    AS personnel_cost
    FROM kpi.window_months AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    JOIN ledger_periods AS l
        ON l.period = w.period
    CROSS JOIN measure_feeds AS f
    JOIN kpi.ledger_monthly AS m
        ON m.period = w.month_period - 100 * f.years_back
       AND m.scenario = 'ACTUAL'
    JOIN kpi.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = m.cost_center
    GROUP BY w.period, w.time_window, f.measure, r.org_level, r.org_id
),

cost_per_hour AS (
    SELECT
        COALESCE(c.period, h.period)              AS period,
        COALESCE(c.time_window, h.time_window)    AS time_window,
        COALESCE(c.measure, h.measure)            AS measure,
        COALESCE(c.org_level, h.org_level)        AS org_level,
        COALESCE(c.org_id, h.org_id)              AS org_id,
        COALESCE(c.org_name, h.org_name)          AS org_name,
        c.personnel_cost,
        h.worked_hours
    FROM personnel AS c
    FULL OUTER JOIN (
        SELECT w.* FROM worked AS w JOIN ledger_periods AS l ON l.period = w.period
    ) AS h
        ON h.period = c.period
       AND h.time_window = c.time_window
       AND h.measure = c.measure
       AND h.org_level = c.org_level
       AND h.org_id = c.org_id
),

sick_kpis (kpi_id, group_id, part) AS (
    VALUES
        ('sick_leave_pct',               'all',         'total'),
        ('sick_leave_pct_days_1_14',     'all',         'days_1_14'),
        ('sick_leave_pct_days_15_90',    'all',         'days_15_90'),
        ('sick_leave_pct_days_91_365',   'all',         'days_91_365'),
        ('sick_leave_pct_days_366_plus', 'all',         'days_366_plus'),
        ('sick_leave_long_share_pct',    'all',         'long_share'),
        ('sick_leave_pct_women',         'women',       'total'),
        ('sick_leave_pct_men',           'men',         'total'),
        ('sick_leave_pct_age_0_29',      'age_0_29',    'total'),
        ('sick_leave_pct_age_30_49',     'age_30_49',   'total'),
        ('sick_leave_pct_age_50_plus',   'age_50_plus', 'total')
)

SELECT k.kpi_id, w.period, w.time_window, w.org_level, w.org_id, w.org_name, w.measure,
       k.numerator, k.denominator, k.ratio_scale, false AS suppressed
FROM worked AS w
CROSS JOIN LATERAL (
    VALUES
        ('worked_hours', w.worked_hours, NULL,         NULL),
        ('fte',          w.worked_hours, w.norm_hours, 1)
) AS k (kpi_id, numerator, denominator, ratio_scale)

UNION ALL

SELECT 'cost_per_worked_hour', period, time_window, org_level, org_id, org_name, measure,
       personnel_cost, worked_hours, 1, false
FROM cost_per_hour

UNION ALL

SELECT
    k.kpi_id,
    s.period,
    s.time_window,
    s.org_level,
    s.org_id,
    s.org_name,
    s.measure,
    CASE k.part
        WHEN 'total'         THEN s.sick_hours
        WHEN 'days_1_14'     THEN s.sick_hours_days_1_14
        WHEN 'days_15_90'    THEN s.sick_hours_days_15_90
        WHEN 'days_91_365'   THEN s.sick_hours_days_91_365
        WHEN 'days_366_plus' THEN s.sick_hours_days_366_plus
        WHEN 'long_share'    THEN s.sick_hours_day_60_plus
    END                                                                      AS numerator,
    CASE k.part WHEN 'long_share' THEN s.sick_hours ELSE s.scheduled_hours END AS denominator,
    100                                                                      AS ratio_scale,
    s.suppressed
FROM kpi.hr_sick_leave AS s
JOIN sick_kpis AS k
    ON k.group_id = s.group_id
WHERE s.measure IN ('actual', 'previous_year')
