-- fact.ledger_lines: one row per fact.ledger row, with the income-statement line its account maps to.
-- This is what the ledger KPIs and the income statement read.
--
-- An account maps to the narrowest range of dim.account_line that holds it, compared as numbers;
-- equally narrow ranges go to the earlier row of accounts.csv. An account that is not a whole number
-- or that no range holds gets line_id 'UNMAPPED' and kind NULL: it counts in no KPI and no sum of the
-- income statement, and meta.data_quality reports it.
CREATE VIEW fact.ledger_lines AS
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
),

account_map AS (
    SELECT * EXCLUDE (range_rank)
    FROM ranked_ranges
    WHERE range_rank = 1
)

SELECT
    l.period,
    l.scenario,
    l.cost_center,
    l.account,
    l.activity,
    l.counterpart,
    l.amount,
    l.source_file,
    l.load_id,
    COALESCE(m.line_id, 'UNMAPPED')                  AS line_id,
    COALESCE(m.line_name, 'Ej mappade konton')       AS line_name,
    m.kind,
    COALESCE(m.is_personnel, false)                  AS is_personnel,
    COALESCE(m.is_agency, false)                     AS is_agency,
    COALESCE(m.is_overtime, false)                   AS is_overtime,
    COALESCE(m.is_internal_allocation, false)        AS is_internal_allocation
FROM fact.ledger AS l
LEFT JOIN account_map AS m
    ON m.account = l.account
