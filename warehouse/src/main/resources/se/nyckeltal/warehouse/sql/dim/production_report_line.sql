-- dim.production_report_line: one row per row of the månadsrapport's production tables ("Produktionsdata"),
-- in the order they are printed (line_order): one line per contact type of contact_types.csv, named as
-- there, in file order; with
--   'Operationer totalt'             before the operation lines (Σ of the OPERATION_* contact types),
--   'Medelvårdtid somatik (dagar)'   after the somatic bed days (BED_DAYS_SOMATIC ÷ DISCHARGE_SOMATIC),
--   'Beläggning 06:00 (%)'           after the bed lines (OCCUPIED_BEDS_0600 ÷ AVAILABLE_BEDS × 100),
--                                    both from internal.production_ratio_line, as the KPIs of the same name,
--   the DRG line labelled '(1 mån släp)': its window columns are one month lagged, as kpi drg_points,
--   'Okänd kontakttyp' last when production has contact types missing from contact_types.csv.
-- line_type 'volume' (one contact type), 'sum' (several) or 'ratio' (numerator ÷ denominator × ratio_scale,
-- summed before dividing). numerator_types and denominator_types list the contact types of each part.
CREATE TABLE dim.production_report_line AS
WITH types AS (
    SELECT contact_type, name, ordinal
    FROM dim.contact_type

    UNION ALL
    SELECT 'UNMAPPED', 'Okänd kontakttyp', 1000000
    WHERE EXISTS (SELECT 1 FROM internal.production_monthly WHERE contact_type = 'UNMAPPED')
),

report_lines (sort_key, line_id, line_name, line_type, numerator_types, denominator_types, ratio_scale, lag_months) AS (
    SELECT ordinal * 10 + 5, contact_type,
           CASE WHEN contact_type = 'DRG_POINTS' THEN name || ' (1 mån släp)' ELSE name END,
           'volume', [contact_type], CAST([] AS VARCHAR[]), CAST(NULL AS INTEGER),
           CASE WHEN contact_type = 'DRG_POINTS' THEN 1 ELSE 0 END
    FROM types

    UNION ALL
    SELECT min(ordinal) * 10 + 1, 'OPERATIONS_TOTAL', 'Operationer totalt', 'sum',
           list(contact_type ORDER BY ordinal), CAST([] AS VARCHAR[]), NULL, 0
    FROM types
    WHERE contact_type LIKE 'OPERATION\_%' ESCAPE '\'
    HAVING count(*) > 0

    UNION ALL
    -- the ratio lines, as their KPIs compute them: after the last of their contact types, when all are there
    SELECT max(t.ordinal) * 10 + 7, r.line_id, r.line_name, 'ratio', r.numerator_types, r.denominator_types,
           r.ratio_scale, 0
    FROM internal.production_ratio_line AS r
    JOIN types AS t
        ON list_contains(r.numerator_types, t.contact_type) OR list_contains(r.denominator_types, t.contact_type)
    GROUP BY r.line_id, r.line_name, r.numerator_types, r.denominator_types, r.ratio_scale
    HAVING count(*) = len(r.numerator_types) + len(r.denominator_types)
)

SELECT
    CAST(row_number() OVER (ORDER BY sort_key, line_id) AS INTEGER) AS line_order,
    line_id,
    line_name,
    line_type,
    numerator_types,
    denominator_types,
    CAST(ratio_scale AS INTEGER)                                  AS ratio_scale,
    CAST(lag_months AS INTEGER)                                   AS lag_months
FROM report_lines
ORDER BY line_order
