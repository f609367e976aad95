-- Every physical line of the load's ledger CSVs, validated: one row per line after each file's
-- header, VALID (typed, at the fact's types), REJECTED (reason and raw line, as the Spark path
-- quarantines it) or BLANK (counted, never loaded). The baseline's counterpart of the cached
-- validated lines in etl's ExtractIngest, using the macros of ledger-rules.sql.
--
-- Reads raw (file, line: every line of every file in file order, NULL for an empty line) and
-- files (one row per readable file: its header line, delimiter and where each column is, 1-based).
-- Each step below computes its columns once; the macros only ever get columns.
CREATE TEMP TABLE validated AS
WITH file_starts AS (
    SELECT file, min(rowid) AS first_row FROM raw GROUP BY file
),
numbered AS (
    SELECT f.*, r.rowid - s.first_row + 1 AS line_number, r.line
    FROM raw r
    JOIN file_starts s ON s.file = r.file
    JOIN files f ON f.file = r.file
),
lines AS (
    SELECT *,
        line_number < header_line OR CASE delimiter
            WHEN ';' THEN csv_is_blank_record(line, ';')
            WHEN ',' THEN csv_is_blank_record(line, ',')
            ELSE csv_is_blank_record(line, chr(9)) END AS blank,
        contains(line, '"') AS quoted
    FROM numbered
    WHERE line_number <> header_line
),
split AS (
    SELECT *,
        CASE WHEN NOT blank THEN CASE delimiter
            WHEN ';' THEN csv_split(line, ';', quoted)
            WHEN ',' THEN csv_split(line, ',', quoted)
            ELSE csv_split(line, chr(9), quoted) END END AS fields,
        CASE WHEN NOT blank THEN CASE delimiter
            WHEN ';' THEN csv_has_edge_blanks(line, ';')
            WHEN ',' THEN csv_has_edge_blanks(line, ',')
            ELSE csv_has_edge_blanks(line, chr(9)) END END AS edge_blanks
    FROM lines
),
shaped AS (
    SELECT *,
        CASE
            WHEN blank THEN NULL
            WHEN fields IS NULL THEN CASE delimiter
                WHEN ';' THEN csv_quoting_problem(line, ';')
                WHEN ',' THEN csv_quoting_problem(line, ',')
                ELSE csv_quoting_problem(line, chr(9)) END
            WHEN len(fields) <> field_count
                THEN 'the line has ' || len(fields) || ' fields but the header has ' || field_count || ' ('
                    || delimiter_label || '-separated); remove the stray ' || delimiter_label
                    || ' or quote the value that contains it'
        END AS line_problem
    FROM split
),
picked AS (
    -- Only a line of the header's width has values; the others carry NULLs from here on.
    SELECT file, line_number, line, blank, line_problem, quoted, edge_blanks,
        CASE WHEN line_problem IS NULL THEN fields[amount_at] END AS amount_field,
        CASE WHEN line_problem IS NULL THEN fields[period_at] END AS period_field,
        CASE WHEN line_problem IS NULL THEN fields[cost_center_at] END AS cost_center_field,
        CASE WHEN line_problem IS NULL THEN fields[account_at] END AS account_field,
        CASE WHEN line_problem IS NULL THEN fields[activity_at] END AS activity_field,
        CASE WHEN line_problem IS NULL THEN fields[counterpart_at] END AS counterpart_field,
        CASE WHEN line_problem IS NULL THEN fields[scenario_at] END AS scenario_field
    FROM shaped
),
fielded AS (
    SELECT file, line_number, line, blank, line_problem, quoted, edge_blanks,
        csv_field(amount_field, quoted, edge_blanks) AS amount_text,
        csv_field(period_field, quoted, edge_blanks) AS period_text,
        csv_field(cost_center_field, quoted, edge_blanks) AS cost_center,
        csv_field(account_field, quoted, edge_blanks) AS account,
        nullif(csv_field(activity_field, quoted, edge_blanks), '') AS activity,
        nullif(csv_field(counterpart_field, quoted, edge_blanks), '') AS counterpart,
        coalesce(csv_field(scenario_field, quoted, edge_blanks), '') AS scenario_text
    FROM picked
),
trimmed AS (
    -- A field of a line without quotes or blanks at a field's edge has nothing to trim.
    SELECT *,
        CASE WHEN quoted OR edge_blanks THEN amount_trim(amount_text) ELSE amount_text END AS amount_trimmed,
        period_month(period_text) AS period_month
    FROM fielded
),
signed AS (
    SELECT *, amount_body(amount_trimmed) AS amount_body FROM trimmed
),
parsed AS (
    SELECT *,
        amount_plain(amount_trimmed, amount_body) AS amount_plain,
        ledger_period(period_text, period_month) AS period,
        ledger_scenario(scenario_text) AS scenario
    FROM signed
),
judged AS (
    -- The reasons are put together only for a line that has a problem: most have none.
    SELECT *,
        CASE
            WHEN blank THEN NULL
            WHEN line_problem IS NOT NULL THEN line_problem
            WHEN regexp_full_match(amount_plain, '-?0*[0-9]{1,16}(?:\.[0-9]{1,2})?') AND period IS NOT NULL
                AND scenario IS NOT NULL AND cost_center <> '' AND account <> '' THEN NULL
            ELSE nullif(concat_ws('; ',
                ledger_amount_problem(amount_text, amount_trimmed, amount_body, amount_plain),
                ledger_period_problem(period_text, period_month, period),
                CASE WHEN cost_center = '' THEN 'cost_center is empty; every row needs a cost centre (kostnadsställe)' END,
                CASE WHEN account = '' THEN 'account is empty; every row needs an account (konto)' END,
                ledger_scenario_problem(scenario_text, scenario)), '')
        END AS reason
    FROM parsed
)
SELECT file, line_number,
    CASE WHEN blank THEN 'BLANK' WHEN reason IS NULL THEN 'VALID' ELSE 'REJECTED' END AS kind,
    CASE WHEN NOT blank AND reason IS NULL THEN period END AS period,
    CASE WHEN NOT blank AND reason IS NULL THEN scenario END AS scenario,
    CASE WHEN NOT blank AND reason IS NULL THEN cost_center END AS cost_center,
    CASE WHEN NOT blank AND reason IS NULL THEN account END AS account,
    CASE WHEN NOT blank AND reason IS NULL THEN activity END AS activity,
    CASE WHEN NOT blank AND reason IS NULL THEN counterpart END AS counterpart,
    CASE WHEN NOT blank AND reason IS NULL THEN CAST(amount_plain AS DECIMAL(18, 2)) END AS amount,
    CASE WHEN reason IS NOT NULL THEN amount_plain END AS rejected_amount,
    reason,
    CASE WHEN reason IS NOT NULL THEN line END AS raw_line
FROM judged;
