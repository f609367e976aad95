-- meta.data_quality: one row per finding a controller should act on.
--   unmapped_cost_center  (warning) a ledger cost centre missing from org_units.csv; its figures are
--                         kept under unit and area UNMAPPED and in the total
--   unmapped_account      (warning) a ledger account that is not a whole number or that no range of
--                         accounts.csv holds; it counts in no KPI ('Ej mappade konton' in the income statement)
--   unmapped_production_unit (warning) a production unit missing from org_units.csv; its volumes are
--                         kept under unit and area UNMAPPED and in the total
--   unmapped_contact_type (warning) a production contact type missing from contact_types.csv; its volumes
--                         are kept under production.UNMAPPED ('Okänd kontakttyp') and weigh 0
--   quarantined_rows      (warning) a delivered file with rows in meta.quarantine
--   file_rejected         (error)   a delivered file refused whole; its load failed
--   file_not_reconciled   (error)   a file whose loaded + quarantined + superseded amounts do not add
--                         up to its total; amount is the difference
-- rows and amount: ledger rows and Σ ledger amount (all scenarios) for the unmapped ledger checks,
-- production rows and Σ volume for the unmapped production checks, the file's quarantined rows and amount
-- for quarantined_rows.
CREATE TABLE meta.data_quality AS
WITH unmapped_cost_centers AS (
    SELECT
        'unmapped_cost_center' AS check_id,
        'warning'              AS severity,
        'ledger'               AS source,
        l.cost_center          AS subject,
        format('cost centre {} is not in org_units.csv: {} rows in {}..{} ({}) are reported under UNMAPPED; '
               || 'add it to org_units.csv and load again',
               l.cost_center, count(*), min(l.period), max(l.period),
               string_agg(DISTINCT l.scenario, ', ' ORDER BY l.scenario)) AS detail,
        count(*)               AS rows,
        SUM(l.amount)          AS amount
    FROM fact.ledger AS l
    WHERE NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = l.cost_center)
    GROUP BY l.cost_center
),

unmapped_accounts AS (
    SELECT
        'unmapped_account' AS check_id,
        'warning'          AS severity,
        'ledger'           AS source,
        account            AS subject,
        format('account {} is in no range of accounts.csv: {} rows in {}..{} ({}) count in no KPI; '
               || 'add a range to accounts.csv and load again',
               account, count(*), min(period), max(period),
               string_agg(DISTINCT scenario, ', ' ORDER BY scenario)) AS detail,
        count(*)           AS rows,
        SUM(amount)        AS amount
    FROM fact.ledger_lines
    WHERE line_id = 'UNMAPPED'
    GROUP BY account
),

unmapped_production_units AS (
    SELECT
        'unmapped_production_unit' AS check_id,
        'warning'                  AS severity,
        'production'               AS source,
        p.unit                     AS subject,
        format('production unit {} is not in org_units.csv: {} rows in {}..{} ({}) are reported under UNMAPPED; '
               || 'add it to org_units.csv and load again',
               p.unit, count(*), min(p.period), max(p.period),
               string_agg(DISTINCT p.scenario, ', ' ORDER BY p.scenario)) AS detail,
        count(*)                   AS rows,
        SUM(p.volume)              AS amount
    FROM fact.production AS p
    WHERE NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = p.unit)
    GROUP BY p.unit
),

unmapped_contact_types AS (
    SELECT
        'unmapped_contact_type' AS check_id,
        'warning'               AS severity,
        'production'            AS source,
        p.contact_type          AS subject,
        format('contact type {} is not in contact_types.csv: {} rows in {}..{} ({}) are reported under '
               || 'production.UNMAPPED (Okänd kontakttyp) and count in no weighted care services; '
               || 'add it to contact_types.csv (or correct the code) and load again',
               p.contact_type, count(*), min(p.period), max(p.period),
               string_agg(DISTINCT p.scenario, ', ' ORDER BY p.scenario)) AS detail,
        count(*)                AS rows,
        SUM(p.volume)           AS amount
    FROM fact.production AS p
    WHERE NOT EXISTS (SELECT 1 FROM dim.contact_type AS c WHERE c.contact_type = p.contact_type)
    GROUP BY p.contact_type
),

-- HR cost centres missing from org_units.csv: rows are fact.hr_time rows, amount the worked hours
-- (WORKED + OVERTIME + ON_CALL) kept under UNMAPPED
unmapped_hr_cost_centers AS (
    SELECT
        'unmapped_cost_center' AS check_id,
        'warning'              AS severity,
        'hr'                   AS source,
        h.cost_center          AS subject,
        format('HR cost centre {} is not in org_units.csv: its hours in {}..{} are reported under UNMAPPED; '
               || 'add it to org_units.csv and load again', h.cost_center, min(h.period), max(h.period)) AS detail,
        count(*)               AS rows,
        SUM(h.worked_hours + h.overtime_hours + h.on_call_hours) AS amount
    FROM fact.hr_time AS h
    WHERE NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = h.cost_center)
    GROUP BY h.cost_center
),

quarantined_rows AS (
    SELECT
        'quarantined_rows' AS check_id,
        'warning'          AS severity,
        source,
        path               AS subject,
        format('{} of {} rows quarantined by load {}; see meta.quarantine', rows_quarantined, rows_read, load_id)
                           AS detail,
        rows_quarantined   AS rows,
        amount_quarantined AS amount
    FROM meta.load_files
    WHERE rows_quarantined > 0
),

rejected_files AS (
    SELECT
        'file_rejected' AS check_id,
        'error'         AS severity,
        source,
        path            AS subject,
        format('rejected by load {}: {}', load_id, COALESCE(message, 'no reason recorded')) AS detail,
        rows_read       AS rows,
        amount_total    AS amount
    FROM meta.load_files
    WHERE status = 'REJECTED'
),

unreconciled_files AS (
    SELECT
        'file_not_reconciled' AS check_id,
        'error'               AS severity,
        source,
        path                  AS subject,
        format('load {}: total {:.2f} ≠ loaded {:.2f} + quarantined {:.2f} + superseded {:.2f}', load_id,
               CAST(amount_total AS DOUBLE), CAST(amount_loaded AS DOUBLE), CAST(amount_quarantined AS DOUBLE),
               CAST(amount_superseded AS DOUBLE)) AS detail,
        rows_read             AS rows,
        amount_total - amount_loaded - amount_quarantined - amount_superseded AS amount
    FROM meta.load_files
    WHERE NOT reconciled
),

findings AS (
    SELECT * FROM unmapped_cost_centers
    UNION ALL SELECT * FROM unmapped_accounts
    UNION ALL SELECT * FROM unmapped_production_units
    UNION ALL SELECT * FROM unmapped_contact_types
    UNION ALL SELECT * FROM unmapped_hr_cost_centers
    UNION ALL SELECT * FROM quarantined_rows
    UNION ALL SELECT * FROM rejected_files
    UNION ALL SELECT * FROM unreconciled_files
)

SELECT
    CAST(check_id AS VARCHAR)      AS check_id,
    CAST(severity AS VARCHAR)      AS severity,
    CAST(source   AS VARCHAR)      AS source,
    CAST(subject  AS VARCHAR)      AS subject,
    CAST(detail   AS VARCHAR)      AS detail,
    CAST(rows     AS BIGINT)       AS rows,
    CAST(amount   AS DECIMAL(38,4)) AS amount
FROM findings
ORDER BY severity, check_id, source, subject
