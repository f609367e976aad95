-- internal.ledger_forecast_monthly: one row per forecast_made × period × cost centre with FORECAST rows, every
-- forecast version (fact.ledger_forecasts): the amounts of internal.ledger_monthly (positive magnitudes), with
-- accounts mapped exactly as fact.ledger_lines maps them (the narrowest range of accounts.csv; UNMAPPED
-- accounts count in no amount). A table, not a view: internal.forecast_full_year reads it for every KPI table.
CREATE TABLE internal.ledger_forecast_monthly AS
WITH account_numbers AS (
    SELECT
        account,
        CASE WHEN regexp_full_match(trim(account), '[0-9]{1,18}') THEN TRY_CAST(trim(account) AS BIGINT) END
            AS account_number
    FROM (SELECT DISTINCT account FROM fact.ledger_forecasts)
),

account_map AS (
    SELECT n.account, a.kind, a.is_personnel, a.is_agency, a.is_internal_allocation
    FROM account_numbers AS n
    JOIN dim.account_line AS a
        ON n.account_number BETWEEN a.account_from AND a.account_to
    QUALIFY row_number() OVER (PARTITION BY n.account ORDER BY a.account_to - a.account_from, a.ordinal) = 1
)

SELECT
    l.forecast_made,
    l.period,
    l.cost_center,
    COALESCE(-SUM(l.amount) FILTER (WHERE m.kind = 'REVENUE'), 0)                              AS revenue,
    -- revenue without the regional allocation (regionersättning): what net cost subtracts
    COALESCE(-SUM(l.amount) FILTER (WHERE m.kind = 'REVENUE' AND NOT m.is_internal_allocation), 0) AS external_revenue,
    COALESCE(SUM(l.amount) FILTER (WHERE m.kind = 'COST'), 0)                                  AS cost,
    COALESCE(SUM(l.amount) FILTER (WHERE m.kind = 'COST' AND (m.is_personnel OR m.is_agency)), 0) AS personnel_cost,
    COALESCE(SUM(l.amount) FILTER (WHERE m.kind = 'COST' AND m.is_agency), 0)                  AS agency_cost
FROM fact.ledger_forecasts AS l
LEFT JOIN account_map AS m
    ON m.account = l.account
GROUP BY l.forecast_made, l.period, l.cost_center
ORDER BY l.forecast_made, l.period, l.cost_center
