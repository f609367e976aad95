-- kpi.income_statement (resultaträkning): one row per period × time window × org level × org × line of
-- dim.income_statement_line, for the periods with ACTUAL ledger rows and, in each window, the orgs with
-- ACTUAL or BUDGET rows (as kpi.kpi_values). Amounts as the månadsrapport prints them: −ledger amount,
-- revenues positive, costs negative. Columns for a window W at period P:
--   actual                           utfall: ACTUAL of W
--   actual_previous_year             ACTUAL of W twelve months earlier
--   budget                           BUDGET of W
--   budget_full_year                 helårsbudget: BUDGET of the whole year of P
--   forecast_full_year               helårsprognos: FORECAST of the whole year of P
--   actual_full_year_previous_year   bokslut fg år: ACTUAL of the whole previous year
-- A column is NULL when the org has no rows of its scenario in its months, and a line without rows is
-- 0 when it has. Every column rolls up with the org structure of P (like-for-like).
CREATE TABLE kpi.income_statement AS
WITH ledger_periods AS (
    SELECT DISTINCT period
    FROM internal.ledger_monthly
    WHERE scenario = 'ACTUAL'
      AND period >= ${recompute_from}
),

-- which months of which scenario feed each column
column_months AS (
    SELECT w.period, w.time_window,
           CASE w.measure WHEN 'previous_year' THEN 'actual_previous_year' ELSE w.measure END AS column_name,
           w.scenario, w.month_period AS data_period
    FROM internal.comparison_window AS w
    JOIN ledger_periods AS p
        ON p.period = w.period
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year', 'budget')

    UNION ALL

    SELECT p.period, tw.time_window, c.column_name, c.scenario,
           CAST((p.period // 100 - c.years_back) * 100 + m.month AS INTEGER) AS data_period
    FROM ledger_periods AS p
    CROSS JOIN (VALUES ('month'), ('ytd')) AS tw (time_window)
    CROSS JOIN range(1, 13) AS m (month)
    CROSS JOIN (
        VALUES ('budget_full_year', 'BUDGET', 0), ('forecast_full_year', 'FORECAST', 0),
               ('actual_full_year_previous_year', 'ACTUAL', 1)
    ) AS c (column_name, scenario, years_back)
),

-- which orgs have rows for each column at all (then its lines without rows show 0, not NULL)
org_columns AS (
    SELECT DISTINCT c.period, c.time_window, r.org_level, r.org_id, r.org_name, c.column_name
    FROM column_months AS c
    JOIN internal.ledger_monthly AS m
        ON m.period = c.data_period
       AND m.scenario = c.scenario
    JOIN internal.org_rollup AS r
        ON r.period = c.period
       AND r.cost_center = m.cost_center
),

statements AS (
    SELECT
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name)                                                 AS org_name,
        bool_or(column_name = 'actual')                                     AS has_actual,
        bool_or(column_name = 'actual_previous_year')                       AS has_actual_previous_year,
        bool_or(column_name = 'budget')                                     AS has_budget,
        bool_or(column_name = 'budget_full_year')                           AS has_budget_full_year,
        bool_or(column_name = 'forecast_full_year')                         AS has_forecast_full_year,
        bool_or(column_name = 'actual_full_year_previous_year')             AS has_actual_full_year_previous_year
    FROM org_columns
    GROUP BY period, time_window, org_level, org_id
    HAVING bool_or(column_name IN ('actual', 'budget'))
),

line_amounts AS (
    SELECT
        c.period,
        c.time_window,
        r.org_level,
        r.org_id,
        s.line_id,
        SUM(s.amount) FILTER (WHERE c.column_name = 'actual')                          AS actual,
        SUM(s.amount) FILTER (WHERE c.column_name = 'actual_previous_year')            AS actual_previous_year,
        SUM(s.amount) FILTER (WHERE c.column_name = 'budget')                          AS budget,
        SUM(s.amount) FILTER (WHERE c.column_name = 'budget_full_year')                AS budget_full_year,
        SUM(s.amount) FILTER (WHERE c.column_name = 'forecast_full_year')              AS forecast_full_year,
        SUM(s.amount) FILTER (WHERE c.column_name = 'actual_full_year_previous_year')  AS actual_full_year_previous_year
    FROM column_months AS c
    JOIN internal.ledger_statement_monthly AS s
        ON s.period = c.data_period
       AND s.scenario = c.scenario
    JOIN internal.org_rollup AS r
        ON r.period = c.period
       AND r.cost_center = s.cost_center
    GROUP BY c.period, c.time_window, r.org_level, r.org_id, s.line_id
)

SELECT
    st.period,
    st.time_window,
    st.org_level,
    st.org_id,
    st.org_name,
    l.line_order,
    l.line_id,
    l.line_name,
    CAST(CASE WHEN st.has_actual THEN COALESCE(a.actual, 0) END AS DECIMAL(38,2))       AS actual,
    CAST(CASE WHEN st.has_actual_previous_year THEN COALESCE(a.actual_previous_year, 0) END
         AS DECIMAL(38,2))                                                               AS actual_previous_year,
    CAST(CASE WHEN st.has_budget THEN COALESCE(a.budget, 0) END AS DECIMAL(38,2))       AS budget,
    CAST(CASE WHEN st.has_budget_full_year THEN COALESCE(a.budget_full_year, 0) END
         AS DECIMAL(38,2))                                                               AS budget_full_year,
    CAST(CASE WHEN st.has_forecast_full_year THEN COALESCE(a.forecast_full_year, 0) END
         AS DECIMAL(38,2))                                                               AS forecast_full_year,
    CAST(CASE WHEN st.has_actual_full_year_previous_year THEN COALESCE(a.actual_full_year_previous_year, 0) END
         AS DECIMAL(38,2))                                                               AS actual_full_year_previous_year
FROM statements AS st
CROSS JOIN dim.income_statement_line AS l
LEFT JOIN line_amounts AS a
    ON a.period = st.period
   AND a.time_window = st.time_window
   AND a.org_level = st.org_level
   AND a.org_id = st.org_id
   AND a.line_id = l.line_id
ORDER BY st.period, st.time_window, st.org_level, st.org_id, l.line_order
