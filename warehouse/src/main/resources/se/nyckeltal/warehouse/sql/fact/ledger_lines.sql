-- fact.ledger_lines: one row per fact.ledger row, with the income-statement line its account maps to.
-- This is what the ledger KPIs and the income statement read.
--
-- An account maps to the narrowest range of dim.account_line that holds it, compared as numbers;
-- equally narrow ranges go to the earlier row of accounts.csv (internal.ledger_account_map). An account
-- that is not a whole number or that no range holds gets line_id 'UNMAPPED' and kind NULL: it counts in
-- no KPI and no sum of the income statement, and meta.data_quality reports it.
CREATE VIEW fact.ledger_lines AS
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
LEFT JOIN internal.ledger_account_map AS m
    ON m.account = l.account
