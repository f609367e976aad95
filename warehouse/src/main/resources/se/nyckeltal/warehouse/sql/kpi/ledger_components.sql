-- kpi.ledger_components: one row per ledger KPI × period × time window × org level × org × measure,
-- for every period with ACTUAL ledger rows. The measures of a window W at period P:
--   actual         ACTUAL rows of W
--   budget         BUDGET rows of W
--   previous_year  ACTUAL rows of W twelve months earlier
-- A measure row exists only when the org has rows of that scenario in those months; a KPI whose lines
-- have no rows there is then 0. Every measure rolls up with the structure of P (kpi.org_rollup).
--
-- Each KPI is a numerator and a denominator, summed over the org's cost centres before anything is
-- divided. ratio_scale says how kpi_values divides: NULL = additive (value = numerator), 100 = per cent
-- (value = numerator ÷ denominator × 100).
--
--   revenue                     −Σ amount on REVENUE lines
--   cost                         Σ amount on COST lines
--   result                       revenue − cost
--   personnel_cost               Σ amount on COST accounts flagged personnel or agency
--   agency_cost                  Σ amount on COST accounts flagged agency (varav inhyrd personal)
--   gross_cost_development_pct   (cost(W) − cost(W − 12 months)) ÷ cost(W − 12 months) × 100
--   net_cost_development_pct     the same on net cost = cost − revenue without internal allocation
CREATE VIEW kpi.ledger_components AS
WITH ledger_periods AS (
    SELECT DISTINCT period
    FROM kpi.ledger_monthly
    WHERE scenario = 'ACTUAL'
),

-- Which rows feed a measure: 'current' its own window, 'base' the window a year before that
-- (what the development KPIs compare with).
measure_feeds (measure, scenario, role, years_back) AS (
    VALUES
        ('actual',        'ACTUAL', 'current', 0),
        ('actual',        'ACTUAL', 'base',    1),
        ('budget',        'BUDGET', 'current', 0),
        ('previous_year', 'ACTUAL', 'current', 1),
        ('previous_year', 'ACTUAL', 'base',    2)
),

window_amounts AS (
    SELECT
        w.period,
        w.time_window,
        r.org_level,
        r.org_id,
        r.org_name,
        f.measure,
        bool_or(f.role = 'current')                                               AS has_rows,
        SUM(m.revenue)                    FILTER (WHERE f.role = 'current')      AS revenue,
        SUM(m.cost)                       FILTER (WHERE f.role = 'current')      AS cost,
        SUM(m.personnel_cost)             FILTER (WHERE f.role = 'current')      AS personnel_cost,
        SUM(m.agency_cost)                FILTER (WHERE f.role = 'current')      AS agency_cost,
        SUM(m.cost - m.external_revenue)  FILTER (WHERE f.role = 'current')      AS net_cost,
        SUM(m.cost)                       FILTER (WHERE f.role = 'base')         AS base_cost,
        SUM(m.cost - m.external_revenue)  FILTER (WHERE f.role = 'base')         AS base_net_cost
    FROM kpi.window_months AS w
    JOIN ledger_periods AS p
        ON p.period = w.period
    CROSS JOIN measure_feeds AS f
    JOIN kpi.ledger_monthly AS m
        ON m.period = w.month_period - 100 * f.years_back
       AND m.scenario = f.scenario
    JOIN kpi.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = m.cost_center
    GROUP BY w.period, w.time_window, r.org_level, r.org_id, r.org_name, f.measure
)

SELECT
    k.kpi_id,
    a.period,
    a.time_window,
    a.org_level,
    a.org_id,
    a.org_name,
    a.measure,
    k.numerator,
    k.denominator,
    k.ratio_scale,
    false AS suppressed
FROM window_amounts AS a
CROSS JOIN LATERAL (
    VALUES
        ('revenue',                    a.revenue,                      NULL,            NULL),
        ('cost',                       a.cost,                         NULL,            NULL),
        ('result',                     a.revenue - a.cost,             NULL,            NULL),
        ('personnel_cost',             a.personnel_cost,               NULL,            NULL),
        ('agency_cost',                a.agency_cost,                  NULL,            NULL),
        ('gross_cost_development_pct', a.cost - a.base_cost,           a.base_cost,     100),
        ('net_cost_development_pct',   a.net_cost - a.base_net_cost,   a.base_net_cost, 100)
) AS k (kpi_id, numerator, denominator, ratio_scale)
WHERE a.has_rows
