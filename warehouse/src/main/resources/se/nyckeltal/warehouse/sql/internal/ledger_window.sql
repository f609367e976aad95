-- internal.ledger_window: one row per period × time window × org level × org × measure ('actual' | 'budget' |
-- 'previous_year'), for every period with ACTUAL ledger rows: the ledger amounts the ledger KPIs
-- (kpi/definitions/ledger/) divide or add, summed over the window and the org's cost centres. The measures of a
-- window W at period P:
--   actual         ACTUAL rows of W
--   budget         BUDGET rows of W
--   previous_year  ACTUAL rows of W twelve months earlier
-- A measure row exists only when the org has rows of that scenario in those months; an amount whose lines
-- have no rows there is then 0. Every measure rolls up with the structure of P (internal.org_rollup).
--   revenue, cost, personnel_cost, agency_cost, net_cost   as internal.ledger_monthly, over the window
--   base_cost, base_net_cost    cost and net cost of the window a year before the measure's own (what the
--                               development KPIs compare with): W − 12 months for actual, W − 24 for previous_year
CREATE TABLE internal.ledger_window AS
WITH ledger_periods AS (
    SELECT DISTINCT period
    FROM internal.ledger_monthly
    WHERE scenario = 'ACTUAL'
      AND period >= ${recompute_from}
),

-- the rows that feed a measure (internal.comparison_window): 'current' its own window, 'base' the window a year
-- before that
window_amounts AS (
    SELECT
        w.period,
        w.time_window,
        r.org_level,
        r.org_id,
        r.org_name,
        w.measure,
        bool_or(w.role = 'current')                                               AS has_rows,
        SUM(m.revenue)                    FILTER (WHERE w.role = 'current')      AS revenue,
        SUM(m.cost)                       FILTER (WHERE w.role = 'current')      AS cost,
        SUM(m.personnel_cost)             FILTER (WHERE w.role = 'current')      AS personnel_cost,
        SUM(m.agency_cost)                FILTER (WHERE w.role = 'current')      AS agency_cost,
        SUM(m.cost - m.external_revenue)  FILTER (WHERE w.role = 'current')      AS net_cost,
        SUM(m.cost)                       FILTER (WHERE w.role = 'base')         AS base_cost,
        SUM(m.cost - m.external_revenue)  FILTER (WHERE w.role = 'base')         AS base_net_cost
    FROM internal.comparison_window AS w
    JOIN ledger_periods AS p
        ON p.period = w.period
    JOIN internal.ledger_monthly AS m
        ON m.period = w.month_period
       AND m.scenario = w.scenario
    JOIN internal.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = m.cost_center
    WHERE w.lag_months = 0
      AND w.measure IN ('actual', 'budget', 'previous_year')
    GROUP BY w.period, w.time_window, r.org_level, r.org_id, r.org_name, w.measure
)

SELECT period, time_window, org_level, org_id, org_name, measure,
       revenue, cost, personnel_cost, agency_cost, net_cost, base_cost, base_net_cost
FROM window_amounts
WHERE has_rows
ORDER BY period, time_window, org_level, org_id, measure
