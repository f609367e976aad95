-- internal.ledger_flagged_rows: the ledger rows a check of meta.data_quality reports (a handful: the ledger is
-- large), each with the checks it fails. A row of period P is flagged from the facts of P and the reference data
-- alone, so a nightly build computes only the changed months and keeps the earlier ones (incremental-by-month in
-- build-order.txt) instead of reading the whole ledger history again.
--   unmapped_cost_center  the cost centre is missing from org_units.csv
--   unmapped_account      the account is not a whole number or no range of accounts.csv holds it (mapped as
--                         fact.ledger_lines maps it)
--   implausible           an amount of 10 000 000 000 kr or more, either sign
CREATE TABLE internal.ledger_flagged_rows AS
WITH ledger_checks AS (
    SELECT
        l.period,
        l.scenario,
        l.cost_center,
        l.account,
        l.amount,
        l.source_file,
        NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = l.cost_center) AS unmapped_cost_center,
        COALESCE(a.line_id, 'UNMAPPED') = 'UNMAPPED'                                 AS unmapped_account,
        abs(l.amount) >= 10000000000                                                  AS implausible
    FROM fact.ledger AS l
    LEFT JOIN internal.ledger_account_map AS a
        ON a.account = l.account
    WHERE l.period >= ${recompute_from}
)

SELECT *
FROM ledger_checks
WHERE unmapped_cost_center OR unmapped_account OR implausible
ORDER BY period, scenario, cost_center, account, source_file, amount
