-- dim.income_statement_line: one row per line of the resultaträkning, in the order the månadsrapport
-- prints them (line_order):
--   the revenue lines of accounts.csv (one per line_id, in file order), 'Summa intäkter',
--   the cost lines, with 'varav externt inhyrd personal' (accounts flagged agency) and
--   'varav övertid/mertid' (flagged overtime) right after Personalkostnader (the first cost line with
--   personnel accounts), 'Summa kostnader', 'Resultat',
--   and 'Ej mappade konton' last when the ledger has accounts no range holds (outside every sum).
-- line_type: 'line' (an accounts.csv line), 'of_which' (varav), 'sum', 'result', 'unmapped'.
CREATE TABLE dim.income_statement_line AS
WITH lines AS (
    SELECT
        line_id,
        arg_min(line_name, ordinal)  AS line_name,
        arg_min(kind, ordinal)       AS kind,
        min(ordinal)                 AS first_ordinal,
        bool_or(is_personnel)        AS has_personnel
    FROM dim.account_line
    GROUP BY line_id
),

personnel_line AS (
    -- where the varav lines go: after the personnel line, else after the last cost line
    SELECT COALESCE(
               min(first_ordinal) FILTER (WHERE kind = 'COST' AND has_personnel),
               max(first_ordinal) FILTER (WHERE kind = 'COST'),
               0) AS first_ordinal
    FROM lines
),

report_lines (section, section_ordinal, sub_order, line_id, line_name, line_type) AS (
    SELECT CASE kind WHEN 'REVENUE' THEN 1 ELSE 3 END, first_ordinal, 0, line_id, line_name, 'line'
    FROM lines

    UNION ALL
    SELECT 2, 0, 0, 'SUM_REVENUE', 'Summa intäkter', 'sum'

    UNION ALL
    SELECT 3, first_ordinal, 1, 'OF_WHICH_AGENCY', 'varav externt inhyrd personal', 'of_which'
    FROM personnel_line

    UNION ALL
    SELECT 3, first_ordinal, 2, 'OF_WHICH_OVERTIME', 'varav övertid/mertid', 'of_which'
    FROM personnel_line

    UNION ALL
    SELECT 4, 0, 0, 'SUM_COST', 'Summa kostnader', 'sum'

    UNION ALL
    SELECT 5, 0, 0, 'RESULT', 'Resultat', 'result'

    UNION ALL
    SELECT 6, 0, 0, 'UNMAPPED', 'Ej mappade konton', 'unmapped'
    -- fact.ledger_lines has UNMAPPED rows: an account of the ledger, mapped as it maps them
    WHERE EXISTS (SELECT 1 FROM internal.ledger_account_map WHERE COALESCE(line_id, 'UNMAPPED') = 'UNMAPPED')
)

SELECT
    CAST(row_number() OVER (ORDER BY section, section_ordinal, sub_order) AS INTEGER) AS line_order,
    line_id,
    line_name,
    line_type
FROM report_lines
ORDER BY line_order
