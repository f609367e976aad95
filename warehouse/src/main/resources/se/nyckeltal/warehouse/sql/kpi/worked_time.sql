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
-- årsarbetare as a decimal number. A line whose group had 10 or fewer employees, or would give such a group's
-- hours away by subtraction, is NULL with suppressed (suppressed_previous_year) true: internal.hr_suppression,
-- through internal.hr_window_hours, as for the worked-time KPIs. A staff category nobody of it worked in is 0.
CREATE VIEW kpi.worked_time AS
WITH orgs AS (
    SELECT period, time_window, measure, org_level, org_id, org_name, worked_hours, on_call_hours, norm_hours,
           suppressed
    FROM internal.hr_window_hours
    WHERE population = 'worked'
),

line_values AS (
    SELECT
        o.period, o.time_window, o.measure, o.org_level, o.org_id, o.org_name,
        l.line_order, l.line_id, l.line_name, l.population,
        CASE WHEN l.population = 'worked' THEN o.suppressed ELSE COALESCE(c.suppressed, false) END AS suppressed,
        CASE
            WHEN l.population <> 'worked' THEN COALESCE(c.worked_hours + c.on_call_hours, CASE WHEN c.org_id IS NULL THEN 0 END)
            WHEN l.line_id = 'worked_incl_on_call' THEN o.worked_hours + o.on_call_hours
            WHEN l.line_id = 'worked_excl_on_call' THEN o.worked_hours
            ELSE CAST(CAST(o.worked_hours AS DOUBLE) / CAST(o.norm_hours AS DOUBLE) AS DECIMAL(18,4))
        END AS value
    FROM orgs AS o
    CROSS JOIN (
        VALUES
            (1, 'own_staff',           'Utförd arbetstid Egen personal',            'staff_category.OWN'),
            (2, 'resource_pool',       'Utförd arbetstid Resursenheten',            'staff_category.RESOURCE_POOL'),
            (3, 'agency',              'Utförd arbetstid Externt inhyrd personal',  'staff_category.AGENCY'),
            (4, 'worked_incl_on_call', 'Arbetad tid inkl jour/beredskap',           'worked'),
            (5, 'worked_excl_on_call', 'Arbetad tid exkl jour/beredskap',           'worked'),
            (6, 'fte',                 'Antal årsarbetare utifrån arbetad tid exkl jour/beredskap', 'worked')
    ) AS l (line_order, line_id, line_name, population)
    LEFT JOIN internal.hr_window_hours AS c
        ON c.period = o.period
       AND c.time_window = o.time_window
       AND c.measure = o.measure
       AND c.org_level = o.org_level
       AND c.org_id = o.org_id
       AND c.population = l.population
       AND l.population <> 'worked'
),

side_by_side AS (
    SELECT
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name)                                            AS org_name,
        line_order,
        line_id,
        any_value(line_name)                                           AS line_name,
        any_value(value) FILTER (WHERE measure = 'actual')             AS actual,
        any_value(suppressed) FILTER (WHERE measure = 'actual')        AS suppressed,
        any_value(value) FILTER (WHERE measure = 'previous_year')      AS previous_year,
        any_value(suppressed) FILTER (WHERE measure = 'previous_year') AS suppressed_previous_year
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
    CAST(internal.deviation_pct(actual, previous_year) AS DECIMAL(18,4)) AS change_pct,
    CAST(COALESCE(suppressed, false) AS BOOLEAN)  AS suppressed,
    CAST(suppressed_previous_year AS BOOLEAN)     AS suppressed_previous_year
FROM side_by_side
