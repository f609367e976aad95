-- internal.ledger_monthly: one row per period × scenario × cost centre with ledger rows: the amounts the
-- ledger KPIs are built from, as positive magnitudes (revenue = −ledger amount, cost = ledger amount).
-- UNMAPPED accounts (kind NULL) count in no amount, but a cost centre with only such rows still gets a
-- row: it has ledger rows that month, so its KPIs are 0 rather than missing.
-- A table, not a view: the ledger KPIs, their windows, the forecasts and the income statement all read it, and
-- each read of a view would parse and map every ledger row again.
CREATE TABLE internal.ledger_monthly AS
SELECT
    period,
    scenario,
    cost_center,
    COALESCE(-SUM(amount) FILTER (WHERE kind = 'REVENUE'), 0)                                 AS revenue,
    -- revenue without the regional allocation (regionersättning): what net cost subtracts
    COALESCE(-SUM(amount) FILTER (WHERE kind = 'REVENUE' AND NOT is_internal_allocation), 0) AS external_revenue,
    COALESCE(SUM(amount) FILTER (WHERE kind = 'COST'), 0)                                     AS cost,
    -- personalkostnader, externt inhyrd personal included
    COALESCE(SUM(amount) FILTER (WHERE kind = 'COST' AND (is_personnel OR is_agency)), 0)     AS personnel_cost,
    COALESCE(SUM(amount) FILTER (WHERE kind = 'COST' AND is_agency), 0)                       AS agency_cost
FROM fact.ledger_lines
WHERE period >= ${recompute_from}
GROUP BY period, scenario, cost_center
ORDER BY period, scenario, cost_center
