-- kpi.production_report (Produktionsdata): one row per period × time window × org level × org × report table ×
-- line of dim.production_report_line, for the periods with ACTUAL production rows, where the line has a value
-- in any column. The report tables split production by provider as the månadsrapport does:
--   'own'                 OWN                                        (Egen produktion)
--   'primary_care'        REGION_PRIMARY_CARE + PRIVATE_PRIMARY_CARE (Privata och regiondrivna vårdcentraler)
--   'private_providers'   PRIVATE_PROVIDER                           (Privata vårdgivare)
-- kpi.production_own, kpi.production_primary_care and kpi.production_private_providers are these rows per
-- table. Columns for a window W at period P (ack = time_window 'ytd'):
--   actual                           utfall: ACTUAL of W
--   budget                           BUDGET of W
--   deviation_budget_pct             (actual − budget) ÷ |budget| × 100 (internal.deviation_pct)
--   actual_previous_year             ACTUAL of W twelve months earlier
--   deviation_previous_year_pct      (actual − actual_previous_year) ÷ |actual_previous_year| × 100
--   forecast_full_year               helårsprognos: FORECAST of the whole year of P
--   budget_full_year                 helårsbudget: BUDGET of the whole year of P
--   actual_full_year_previous_year   bokslut fg år: ACTUAL of the whole previous year
-- The DRG line's window columns are one month lagged (W at P − 1, as kpi drg_points); its full-year columns
-- are whole calendar years. A column is NULL when the org has no rows of the line's contact types in its
-- months (e.g. no budget for vaccinations); ratio lines divide the summed parts. Every column rolls up with
-- the org structure of P (like-for-like).
CREATE TABLE kpi.production_report AS
WITH production_periods AS (
    SELECT DISTINCT period
    FROM internal.production_monthly
    WHERE scenario = 'ACTUAL'
      AND period >= ${recompute_from}
),

report_tables (provider, report_table) AS (
    VALUES
        ('OWN',                  'own'),
        ('REGION_PRIMARY_CARE',  'primary_care'),
        ('PRIVATE_PRIMARY_CARE', 'primary_care'),
        ('PRIVATE_PROVIDER',     'private_providers')
),

table_monthly AS (
    SELECT m.period, m.scenario, m.cost_center, t.report_table, m.contact_type, SUM(m.volume) AS volume
    FROM internal.production_monthly AS m
    JOIN report_tables AS t
        ON t.provider = m.provider
    GROUP BY m.period, m.scenario, m.cost_center, t.report_table, m.contact_type
),

-- which months of which scenario feed each column, with and without the DRG lag
column_months AS (
    SELECT w.period, w.time_window, w.lag_months,
           CASE w.measure WHEN 'previous_year' THEN 'actual_previous_year' ELSE w.measure END AS column_name,
           w.scenario, w.month_period AS data_period
    FROM internal.comparison_window AS w
    JOIN production_periods AS p
        ON p.period = w.period
    WHERE w.role = 'current'
      AND w.measure IN ('actual', 'previous_year', 'budget')

    UNION ALL

    SELECT p.period, tw.time_window, l.lag_months, c.column_name, c.scenario,
           CAST((p.period // 100 - c.years_back) * 100 + m.month AS INTEGER) AS data_period
    FROM production_periods AS p
    CROSS JOIN (VALUES ('month'), ('ytd')) AS tw (time_window)
    CROSS JOIN (VALUES (0), (1)) AS l (lag_months)
    CROSS JOIN range(1, 13) AS m (month)
    CROSS JOIN (
        VALUES ('budget_full_year', 'BUDGET', 0), ('forecast_full_year', 'FORECAST', 0),
               ('actual_full_year_previous_year', 'ACTUAL', 1)
    ) AS c (column_name, scenario, years_back)
),

type_columns AS (
    SELECT
        c.period,
        c.time_window,
        r.org_level,
        r.org_id,
        r.org_name,
        t.report_table,
        t.contact_type,
        c.column_name,
        SUM(t.volume) AS volume
    FROM column_months AS c
    JOIN table_monthly AS t
        ON t.period = c.data_period
       AND t.scenario = c.scenario
       AND c.lag_months = CASE WHEN t.contact_type = 'DRG_POINTS' THEN 1 ELSE 0 END
    JOIN internal.org_rollup AS r
        ON r.period = c.period
       AND r.cost_center = t.cost_center
    GROUP BY c.period, c.time_window, r.org_level, r.org_id, r.org_name, t.report_table, t.contact_type, c.column_name
),

line_columns AS (
    SELECT
        tc.period,
        tc.time_window,
        tc.org_level,
        tc.org_id,
        any_value(tc.org_name)                                                        AS org_name,
        tc.report_table,
        l.line_id,
        tc.column_name,
        CASE
            WHEN l.ratio_scale IS NULL
                THEN SUM(tc.volume) FILTER (WHERE list_contains(l.numerator_types, tc.contact_type))
            WHEN SUM(tc.volume) FILTER (WHERE list_contains(l.denominator_types, tc.contact_type)) <> 0
                THEN CAST(COALESCE(SUM(tc.volume) FILTER (WHERE list_contains(l.numerator_types, tc.contact_type)), 0)
                          AS DOUBLE) * l.ratio_scale
                     / CAST(SUM(tc.volume) FILTER (WHERE list_contains(l.denominator_types, tc.contact_type)) AS DOUBLE)
        END AS value
    FROM type_columns AS tc
    JOIN dim.production_report_line AS l
        ON list_contains(l.numerator_types, tc.contact_type)
        OR list_contains(l.denominator_types, tc.contact_type)
    GROUP BY tc.period, tc.time_window, tc.org_level, tc.org_id, tc.report_table, l.line_id, l.ratio_scale,
             tc.column_name
),

lines AS (
    SELECT
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name)                                                              AS org_name,
        report_table,
        line_id,
        any_value(value) FILTER (WHERE column_name = 'actual')                           AS actual,
        any_value(value) FILTER (WHERE column_name = 'budget')                           AS budget,
        any_value(value) FILTER (WHERE column_name = 'actual_previous_year')             AS actual_previous_year,
        any_value(value) FILTER (WHERE column_name = 'forecast_full_year')               AS forecast_full_year,
        any_value(value) FILTER (WHERE column_name = 'budget_full_year')                 AS budget_full_year,
        any_value(value) FILTER (WHERE column_name = 'actual_full_year_previous_year')   AS actual_full_year_previous_year
    FROM line_columns
    GROUP BY period, time_window, org_level, org_id, report_table, line_id
)

SELECT
    CAST(x.period AS INTEGER)                      AS period,
    CAST(x.time_window AS VARCHAR)                 AS time_window,
    CAST(x.org_level AS VARCHAR)                   AS org_level,
    CAST(x.org_id AS VARCHAR)                      AS org_id,
    CAST(x.org_name AS VARCHAR)                    AS org_name,
    CAST(x.report_table AS VARCHAR)                AS report_table,
    l.line_order,
    l.line_id,
    l.line_name,
    l.line_type,
    CAST(x.actual AS DECIMAL(38,4))                AS actual,
    CAST(x.budget AS DECIMAL(38,4))                AS budget,
    CAST(internal.deviation_pct(x.actual, x.budget) AS DECIMAL(38,4)) AS deviation_budget_pct,
    CAST(x.actual_previous_year AS DECIMAL(38,4))  AS actual_previous_year,
    CAST(internal.deviation_pct(x.actual, x.actual_previous_year) AS DECIMAL(38,4)) AS deviation_previous_year_pct,
    CAST(x.forecast_full_year AS DECIMAL(38,4))    AS forecast_full_year,
    CAST(x.budget_full_year AS DECIMAL(38,4))      AS budget_full_year,
    CAST(x.actual_full_year_previous_year AS DECIMAL(38,4)) AS actual_full_year_previous_year
FROM lines AS x
JOIN dim.production_report_line AS l
    ON l.line_id = x.line_id
WHERE x.actual IS NOT NULL OR x.budget IS NOT NULL OR x.actual_previous_year IS NOT NULL
   OR x.forecast_full_year IS NOT NULL OR x.budget_full_year IS NOT NULL OR x.actual_full_year_previous_year IS NOT NULL
ORDER BY period, time_window, org_level, org_id, report_table, line_order
