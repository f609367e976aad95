-- kpi.worked_time (Arbetad tid): one row per period × time window × org level × org × line, for the
-- periods with HR rows and the orgs with HR rows in the window, as the månadsrapport's table:
--   1 own_staff             Utförd arbetstid Egen personal           WORKED + OVERTIME + ON_CALL, OWN
--   2 resource_pool         Utförd arbetstid Resursenheten           the same, RESOURCE_POOL
--   3 agency                Utförd arbetstid Externt inhyrd personal the same, AGENCY
--   4 worked_incl_on_call   Arbetad tid inkl jour/beredskap          lines 1 + 2 + 3
--   5 worked_excl_on_call   Arbetad tid exkl jour/beredskap          WORKED + OVERTIME (the worked_hours KPI)
--   6 fte                   Antal årsarbetare utifrån arbetad tid exkl jour/beredskap   line 5 ÷ (norm × months ÷ 12)
-- Columns: actual (the window), previous_year (the same window twelve months earlier, org structure of
-- period), change = actual − previous_year, change_pct = change ÷ |previous_year| × 100. Hours in hours,
-- årsarbetare as a decimal number.
CREATE VIEW kpi.worked_time AS
WITH line_values AS (
    SELECT
        h.period, h.time_window, h.measure, h.org_level, h.org_id, h.org_name,
        l.line_order, l.line_id, l.line_name, l.value
    FROM internal.hr_window_hours AS h
    CROSS JOIN LATERAL (
        VALUES
            (1, 'own_staff',           'Utförd arbetstid Egen personal',            h.own_staff),
            (2, 'resource_pool',       'Utförd arbetstid Resursenheten',            h.resource_pool),
            (3, 'agency',              'Utförd arbetstid Externt inhyrd personal',  h.agency),
            (4, 'worked_incl_on_call', 'Arbetad tid inkl jour/beredskap',           h.worked_incl_on_call),
            (5, 'worked_excl_on_call', 'Arbetad tid exkl jour/beredskap',           h.worked_excl_on_call),
            (6, 'fte',                 'Antal årsarbetare utifrån arbetad tid exkl jour/beredskap',
                CAST(CAST(h.worked_excl_on_call AS DOUBLE) / CAST(h.norm_hours AS DOUBLE) AS DECIMAL(18,4)))
    ) AS l (line_order, line_id, line_name, value)
),

side_by_side AS (
    SELECT
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name)                                        AS org_name,
        line_order,
        line_id,
        any_value(line_name)                                       AS line_name,
        any_value(value) FILTER (WHERE measure = 'actual')         AS actual,
        any_value(value) FILTER (WHERE measure = 'previous_year')  AS previous_year
    FROM line_values
    GROUP BY period, time_window, org_level, org_id, line_order, line_id
    HAVING bool_or(measure = 'actual')
)

SELECT
    CAST(period AS INTEGER)                 AS period,
    CAST(time_window AS VARCHAR)            AS time_window,
    CAST(org_level AS VARCHAR)              AS org_level,
    CAST(org_id AS VARCHAR)                 AS org_id,
    CAST(org_name AS VARCHAR)               AS org_name,
    CAST(line_order AS INTEGER)             AS line_order,
    CAST(line_id AS VARCHAR)                AS line_id,
    CAST(line_name AS VARCHAR)              AS line_name,
    CAST(actual AS DECIMAL(18,4))           AS actual,
    CAST(previous_year AS DECIMAL(18,4))    AS previous_year,
    CAST(actual - previous_year AS DECIMAL(18,4)) AS change,
    CAST(internal.deviation_pct(actual, previous_year) AS DECIMAL(18,4)) AS change_pct
FROM side_by_side
