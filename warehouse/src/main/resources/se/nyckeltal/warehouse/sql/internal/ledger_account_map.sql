-- internal.ledger_account_map: one row per account of fact.ledger (any scenario) with the income-statement line
-- it maps to: the narrowest range of dim.account_line that holds it, compared as numbers; equally narrow ranges go
-- to the earlier row of accounts.csv. An account that is not a whole number or that no range holds has every line
-- column NULL (fact.ledger_lines shows it as 'UNMAPPED'). A table, worked out once per build: fact.ledger_lines,
-- which joins it, is read by several tables of the build, and each read scanned the ledger for its accounts.
CREATE TABLE internal.ledger_account_map AS
WITH ledger_accounts AS (
    SELECT DISTINCT account
    FROM fact.ledger
),

account_numbers AS (
    SELECT
        account,
        CASE WHEN regexp_full_match(trim(account), '[0-9]{1,18}') THEN TRY_CAST(trim(account) AS BIGINT) END
            AS account_number
    FROM ledger_accounts
),

ranked_ranges AS (
    SELECT
        n.account,
        a.line_id,
        a.line_name,
        a.kind,
        a.is_personnel,
        a.is_agency,
        a.is_overtime,
        a.is_internal_allocation,
        row_number() OVER (
            PARTITION BY n.account
            ORDER BY a.account_to - a.account_from, a.ordinal
        ) AS range_rank
    FROM account_numbers AS n
    JOIN dim.account_line AS a
        ON n.account_number BETWEEN a.account_from AND a.account_to
)

SELECT
    l.account,
    r.line_id,
    r.line_name,
    r.kind,
    r.is_personnel,
    r.is_agency,
    r.is_overtime,
    r.is_internal_allocation
FROM ledger_accounts AS l
LEFT JOIN ranked_ranges AS r
    ON r.account = l.account
   AND r.range_rank = 1
ORDER BY l.account
