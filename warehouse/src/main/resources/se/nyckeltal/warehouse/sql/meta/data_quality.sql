-- meta.data_quality: one row per finding a controller should act on.
--   unmapped_cost_center  (warning) a ledger cost centre missing from org_units.csv; its figures are
--                         kept under unit and area UNMAPPED and in the total
--   unmapped_account      (warning) a ledger account that is not a whole number or that no range of
--                         accounts.csv holds; it counts in no KPI ('Ej mappade konton' in the income statement)
--   unmapped_production_unit (warning) a production unit missing from org_units.csv; its volumes are
--                         kept under unit and area UNMAPPED and in the total
--   unmapped_contact_type (warning) a production contact type missing from contact_types.csv; its volumes
--                         are kept under production.UNMAPPED ('Okänd kontakttyp') and weigh 0
--   unmapped_listing_unit (warning) a listing unit missing from org_units.csv; its listings are kept under
--                         unit and area UNMAPPED and in the total, without capitation (no ownership)
--   unmapped_cni_factor   (warning) a listing measure CNI_<FACTOR> whose factor no row of capitation_rates.csv
--                         prices; its counts are kept under CNI_UNMAPPED and earn no capitation
--   listing_unit_without_ownership (warning) a listing unit whose org_units.csv version has no ownership
--                         (PUBLIC | PRIVATE) in a month with listings: no capitation is computed for it
--   capitation_rates_missing (warning) a year × ownership with listings but no row in capitation_rates.csv:
--                         the units of that ownership get no capitation that year
--   capitation_rate_missing (warning) a component and key (e.g. AGE_SEX K:0-4) with listings in a priced
--                         year but no rate: those listings earn 0
--   implausible_amount    (warning) a ledger row of 10 000 000 000 kr or more (either sign): no unit of a
--                         region books that in one month on one account; usually a shifted decimal
--                         mark or an id in the amount column. Loaded as delivered, flagged here.
--   quarantined_rows      (warning) a delivered file with rows in meta.quarantine
--   file_rejected         (error)   a delivered file refused whole; its load failed
--   file_not_reconciled   (error)   a file whose loaded + quarantined + superseded amounts do not add
--                         up to its total; amount is the difference
-- rows and amount: ledger rows and Σ ledger amount (all scenarios) for the unmapped ledger checks,
-- production rows and Σ volume for the unmapped production checks, listing rows and Σ quantity for the
-- listing checks, the file's quarantined rows and amount for quarantined_rows.
CREATE TABLE meta.data_quality AS
-- the ledger rows any ledger check reports, kept per month (internal.ledger_flagged_rows)
WITH flagged_ledger AS (
    SELECT *
    FROM internal.ledger_flagged_rows
),

-- read by three checks: worked out once
listing_months AS MATERIALIZED (
    SELECT *
    FROM internal.listing_monthly
),

unmapped_cost_centers AS (
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
    FROM flagged_ledger AS l
    WHERE l.unmapped_cost_center
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
    FROM flagged_ledger
    WHERE unmapped_account
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

-- HR cost centres missing from org_units.csv: rows are temp.hr_worked rows (cost centre × staff category × profession × month), amount the worked hours
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
    FROM temp.hr_worked AS h
    WHERE NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = h.cost_center)
    GROUP BY h.cost_center
),

unmapped_listing_units AS (
    SELECT
        'unmapped_listing_unit' AS check_id,
        'warning'               AS severity,
        'listings'              AS source,
        l.unit                  AS subject,
        format('listing unit {} is not in org_units.csv: {} rows in {}..{} are reported under UNMAPPED without '
               || 'capitation; add it (with its ownership) to org_units.csv and load again',
               l.unit, count(*), min(l.period), max(l.period)) AS detail,
        count(*)                AS rows,
        SUM(l.quantity)         AS amount
    FROM fact.listings AS l
    WHERE NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = l.unit)
    GROUP BY l.unit
),

unmapped_cni_factors AS (
    SELECT
        'unmapped_cni_factor' AS check_id,
        'warning'             AS severity,
        'listings'            AS source,
        l.measure             AS subject,
        format('CNI factor {} is not in capitation_rates.csv: {} rows in {}..{} are reported under CNI_UNMAPPED '
               || 'and earn no capitation; add its rates (component CNI, key {}) or correct the code and load again',
               substr(l.measure, 5), count(*), min(l.period), max(l.period), substr(l.measure, 5)) AS detail,
        count(*)              AS rows,
        SUM(l.quantity)       AS amount
    FROM fact.listings AS l
    WHERE l.measure LIKE 'CNI\_%' ESCAPE '\'
      AND NOT EXISTS (SELECT 1 FROM dim.capitation_rate AS r WHERE r.component = 'CNI' AND 'CNI_' || r.key = l.measure)
    GROUP BY l.measure
),

listing_units_without_ownership AS (
    SELECT
        'listing_unit_without_ownership' AS check_id,
        'warning'                        AS severity,
        'listings'                       AS source,
        m.cost_center                    AS subject,
        format('unit {} has listings in {}..{} but no ownership in org_units.csv: no capitation is computed for '
               || 'it; set ownership PUBLIC or PRIVATE and load again',
               m.cost_center, min(m.period), max(m.period)) AS detail,
        count(*)                         AS rows,
        SUM(m.quantity)                  AS amount
    FROM listing_months AS m
    WHERE m.ownership IS NULL
      AND EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = m.cost_center)
    GROUP BY m.cost_center
),

missing_rate_years AS (
    SELECT
        'capitation_rates_missing' AS check_id,
        'warning'                  AS severity,
        'listings'                 AS source,
        (m.period // 100) || ' ' || m.ownership AS subject,
        format('capitation_rates.csv has no rates for {} {}: {} units with listings in {}..{} get no capitation '
               || 'that year; add the year''s rates and load again',
               m.period // 100, m.ownership, count(DISTINCT m.cost_center), min(m.period), max(m.period)) AS detail,
        count(*)                   AS rows,
        SUM(m.quantity)            AS amount
    FROM listing_months AS m
    WHERE m.ownership IS NOT NULL AND NOT m.priced
    GROUP BY m.period // 100, m.ownership
),

missing_rate_keys AS (
    SELECT
        'capitation_rate_missing' AS check_id,
        'warning'                 AS severity,
        'listings'                AS source,
        (m.period // 100) || ' ' || m.ownership || ' ' || m.component
            || CASE WHEN m.rate_key = '' THEN '' ELSE ' ' || m.rate_key END AS subject,
        format('capitation_rates.csv has rates for {} {} but none for {} {}: {} rows in {}..{} earn 0; add the '
               || 'rate and load again', m.period // 100, m.ownership, m.component, m.rate_key, count(*),
               min(m.period), max(m.period)) AS detail,
        count(*)                  AS rows,
        SUM(m.quantity)           AS amount
    FROM listing_months AS m
    WHERE m.priced AND m.rate IS NULL AND m.measure <> 'CNI_UNMAPPED'
    GROUP BY m.period // 100, m.ownership, m.component, m.rate_key
),

implausible_amounts AS (
    SELECT
        'implausible_amount' AS check_id,
        'warning'            AS severity,
        'ledger'             AS source,
        source_file          AS subject,
        format('{} ledger rows of {} in {}..{} have an amount of 10 000 000 000 kr or more (largest {}); '
               || 'check the export (decimal mark, column order) and deliver a corrected file',
               count(*), source_file, min(period), max(period), max(abs(amount))) AS detail,
        count(*)             AS rows,
        SUM(amount)          AS amount
    FROM flagged_ledger
    WHERE implausible
    GROUP BY source_file
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
    UNION ALL SELECT * FROM unmapped_listing_units
    UNION ALL SELECT * FROM unmapped_cni_factors
    UNION ALL SELECT * FROM listing_units_without_ownership
    UNION ALL SELECT * FROM missing_rate_years
    UNION ALL SELECT * FROM missing_rate_keys
    UNION ALL SELECT * FROM implausible_amounts
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
