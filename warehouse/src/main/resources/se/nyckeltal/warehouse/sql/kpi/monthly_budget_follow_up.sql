-- kpi.monthly_budget_follow_up: one row per year × month × org level × org × income-statement line with ACTUAL
-- or BUDGET ledger rows — each month of the year against its budget, and accumulated from January (the
-- seed's "Ersättning / Budget" per month with its "Totalt" row: the accumulated columns of the last month).
-- Amounts as the income statement prints them (internal.ledger_statement_monthly): revenues positive, costs
-- negative, so a positive deviation is better than budget on every line.
--   actual, budget            the month's ACTUAL and BUDGET (NULL when the org has no rows of that scenario)
--   deviation                 actual − budget
--   *_accumulated             January to the month, same year
-- Rolls up with the org structure of each month.
CREATE VIEW kpi.monthly_budget_follow_up AS
WITH monthly AS (
    SELECT
        s.period,
        r.org_level,
        r.org_id,
        r.org_name,
        s.line_id,
        SUM(s.amount) FILTER (WHERE s.scenario = 'ACTUAL') AS actual,
        SUM(s.amount) FILTER (WHERE s.scenario = 'BUDGET') AS budget
    FROM internal.ledger_statement_monthly AS s
    JOIN internal.org_rollup AS r
        ON r.period = s.period
       AND r.cost_center = s.cost_center
    WHERE s.scenario IN ('ACTUAL', 'BUDGET')
    GROUP BY s.period, r.org_level, r.org_id, r.org_name, s.line_id
)

SELECT
    CAST(m.period // 100 AS INTEGER)                       AS year,
    CAST(m.period % 100 AS INTEGER)                        AS month,
    m.period,
    m.org_level,
    m.org_id,
    m.org_name,
    m.line_id,
    l.line_name,
    l.line_order,
    m.actual,
    m.budget,
    m.actual - m.budget                                    AS deviation,
    SUM(m.actual) OVER accumulated                         AS actual_accumulated,
    SUM(m.budget) OVER accumulated                         AS budget_accumulated,
    SUM(m.actual) OVER accumulated - SUM(m.budget) OVER accumulated AS deviation_accumulated
FROM monthly AS m
JOIN dim.income_statement_line AS l
    ON l.line_id = m.line_id
WINDOW accumulated AS (
    PARTITION BY m.period // 100, m.org_level, m.org_id, m.line_id
    ORDER BY m.period
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
)
