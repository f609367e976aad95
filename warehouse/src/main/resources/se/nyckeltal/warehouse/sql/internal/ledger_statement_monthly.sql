-- internal.ledger_statement_monthly: one row per period × scenario × cost centre × income-statement line
-- (dim.income_statement_line) with ledger rows, amount as the månadsrapport prints it: −ledger amount,
-- so revenues are positive and costs negative. Each ledger row counts on its own line and on the
-- derived lines it belongs to (Summa intäkter / Summa kostnader, Resultat, the varav lines).
-- A table, not a view, for the same reason as internal.ledger_monthly.
CREATE TABLE internal.ledger_statement_monthly AS
WITH line_amounts AS MATERIALIZED (
    SELECT
        period,
        scenario,
        cost_center,
        line_id,
        kind,
        is_agency,
        is_overtime,
        -SUM(amount) AS amount
    FROM fact.ledger_lines
    WHERE period >= ${recompute_from}
    GROUP BY period, scenario, cost_center, line_id, kind, is_agency, is_overtime
),

statement_amounts AS (
    SELECT period, scenario, cost_center, line_id, amount
    FROM line_amounts

    UNION ALL
    SELECT period, scenario, cost_center, 'SUM_REVENUE', amount
    FROM line_amounts
    WHERE kind = 'REVENUE'

    UNION ALL
    SELECT period, scenario, cost_center, 'SUM_COST', amount
    FROM line_amounts
    WHERE kind = 'COST'

    UNION ALL
    SELECT period, scenario, cost_center, 'RESULT', amount
    FROM line_amounts
    WHERE kind IN ('REVENUE', 'COST')

    UNION ALL
    SELECT period, scenario, cost_center, 'OF_WHICH_AGENCY', amount
    FROM line_amounts
    WHERE kind = 'COST' AND is_agency

    UNION ALL
    SELECT period, scenario, cost_center, 'OF_WHICH_OVERTIME', amount
    FROM line_amounts
    WHERE kind = 'COST' AND is_overtime
)

SELECT period, scenario, cost_center, line_id, SUM(amount) AS amount
FROM statement_amounts
GROUP BY period, scenario, cost_center, line_id
ORDER BY period, scenario, cost_center, line_id
