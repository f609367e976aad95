-- kpi.kpi_values: one row per KPI × period × time window × org level × org (Kolada-shaped), for the
-- periods with ACTUAL rows of the KPI's source and, in each window, the orgs with ACTUAL or BUDGET rows
-- (value NULL when there is only budget). Materialised as a table so analysts' lookups are fast; the
-- KPI logic is in internal.kpi_components and the views it reads (stored first, for these periods, as
-- temp.kpi_component_rows). Stored in period, time_window, org_level,
-- kpi_id, org_id order: the rows a lookup asks for (one period, window and level: an area's KPIs, the
-- region's, one KPI's units) lie together, so DuckDB's zone maps skip the rest of the table and the wide
-- DECIMAL columns are read for a few vectors, not for one stretch per KPI.
--
--   value                        numerator, or numerator ÷ denominator × ratio_scale (NULL when the
--                                denominator is NULL or 0) — ratios are divided only here, after the roll-up
--   budget_value                 the same over BUDGET rows, for KPIs with has_budget
--   previous_year_value          the value of the same window twelve months earlier, today's org structure
--   target_value                 dim.kpi_target for the KPI and the period's year
--   deviation_*_pct              (value − comparison) ÷ |comparison| × 100; NULL when the comparison is NULL or 0
--                                (internal.deviation_pct)
--   trend                        value against previous_year_value in the KPI's good direction
--   forecast_full_year_value     the KPI over the period's whole year on the latest forecast made at or before
--                                the period (internal.forecast_full_year), the same for both windows; NULL without
--                                a forecast
CREATE TABLE kpi.kpi_values AS
WITH measure_values AS (
    SELECT
        kpi_id,
        period,
        time_window,
        org_level,
        org_id,
        org_name,
        measure,
        suppressed,
        CASE WHEN NOT suppressed THEN numerator END   AS numerator,
        CASE WHEN NOT suppressed THEN denominator END AS denominator,
        CASE
            WHEN suppressed THEN NULL
            WHEN ratio_scale IS NULL THEN numerator
            WHEN denominator <> 0
                THEN CAST(CAST(numerator AS DOUBLE) * CAST(ratio_scale AS DOUBLE) / CAST(denominator AS DOUBLE)
                          AS DECIMAL(38,6))
        END AS value
    FROM temp.kpi_component_rows
    WHERE period >= ${recompute_from}
),

side_by_side AS (
    SELECT
        kpi_id,
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name)                                                    AS org_name,
        any_value(value)       FILTER (WHERE measure = 'actual')               AS value,
        any_value(numerator)   FILTER (WHERE measure = 'actual')               AS numerator,
        any_value(denominator) FILTER (WHERE measure = 'actual')               AS denominator,
        any_value(value)       FILTER (WHERE measure = 'budget')               AS budget_value,
        any_value(value)       FILTER (WHERE measure = 'previous_year')        AS previous_year_value,
        COALESCE(bool_or(suppressed) FILTER (WHERE measure = 'actual'), false) AS suppressed
    FROM measure_values
    GROUP BY kpi_id, period, time_window, org_level, org_id
    HAVING bool_or(measure IN ('actual', 'budget'))
),

-- MATERIALIZED: the grouped and joined rows are stored (and spilled when memory runs short) before they are
-- sorted; grouping, joins and sort in one chain ran out of DuckDB's 3 GB at scale L (5 M rows).
compared AS MATERIALIZED (
    SELECT
        s.kpi_id,
        s.period,
        s.time_window,
        s.org_level,
        s.org_id,
        s.org_name,
        s.value,
        s.numerator,
        s.denominator,
        CASE WHEN k.has_budget THEN s.budget_value END AS budget_value,
        s.previous_year_value,
        t.target                                       AS target_value,
        k.good_direction,
        s.suppressed,
        f.value                                        AS forecast_full_year_value
    FROM side_by_side AS s
    LEFT JOIN dim.kpi AS k
        ON k.kpi_id = s.kpi_id
    LEFT JOIN dim.kpi_target AS t
        ON t.kpi_id = s.kpi_id
       AND t.year = s.period // 100
    LEFT JOIN internal.forecast_full_year AS f
        ON f.kpi_id = s.kpi_id
       AND f.period = s.period
       AND f.org_level = s.org_level
       AND f.org_id = s.org_id
)

SELECT
    CAST(kpi_id AS VARCHAR)                AS kpi_id,
    CAST(period AS INTEGER)                AS period,
    CAST(time_window AS VARCHAR)           AS time_window,
    CAST(org_level AS VARCHAR)             AS org_level,
    CAST(org_id AS VARCHAR)                AS org_id,
    CAST(org_name AS VARCHAR)              AS org_name,
    CAST(value AS DECIMAL(38,6))           AS value,
    CAST(numerator AS DECIMAL(38,6))       AS numerator,
    CAST(denominator AS DECIMAL(38,6))     AS denominator,
    CAST(budget_value AS DECIMAL(38,6))    AS budget_value,
    CAST(previous_year_value AS DECIMAL(38,6)) AS previous_year_value,
    CAST(target_value AS DECIMAL(38,6))    AS target_value,
    CAST(internal.deviation_pct(value, budget_value) AS DECIMAL(38,6))        AS deviation_budget_pct,
    CAST(internal.deviation_pct(value, previous_year_value) AS DECIMAL(38,6)) AS deviation_previous_year_pct,
    CAST(CASE
             WHEN value IS NULL OR previous_year_value IS NULL OR value = previous_year_value
                  OR good_direction NOT IN ('up', 'down') OR good_direction IS NULL THEN 'neutral'
             WHEN (value > previous_year_value) = (good_direction = 'up') THEN 'positive'
             ELSE 'negative'
         END AS VARCHAR)                   AS trend,
    CAST(suppressed AS BOOLEAN)            AS suppressed,
    CAST(forecast_full_year_value AS DECIMAL(38,6)) AS forecast_full_year_value
FROM compared
ORDER BY period, time_window, org_level, kpi_id, org_id
