-- kpi.sick_leave (Sjukfrånvaro): one row per period × time window × org level × org × line, for the
-- periods with HR rows, as the månadsrapport's table with three years side by side: the window, the same
-- window a year earlier and two years earlier (org structure of period). Own staff with scheduled hours,
-- per cent, from internal.sick_leave_lines (where the lines are defined); a value is NULL and its suppressed
-- column true when its group had 10 or fewer employees with scheduled hours in that window, or when the value
-- would give such a group's away by subtraction (internal.hr_suppression).
--    1 sick_leave_pct                 Total sjukfrånvaro
--    2 sick_leave_pct_days_1_14       Varav sjukdag 1–14
--    3 sick_leave_pct_days_15_90      Varav sjukdag 15–90
--    4 sick_leave_pct_days_91_365     Varav sjukdag 91–365
--    5 sick_leave_pct_days_366_plus   Varav sjukdag 366–
--    6 sick_leave_long_share_pct      Andel långtidssjukfrånvaro (60 dagar eller mer), of all sick hours
--    7 sick_leave_pct_women           Kvinnor
--    8 sick_leave_pct_men             Män
--    9 sick_leave_pct_age_0_29        Anställda −29 år
--   10 sick_leave_pct_age_30_49       Anställda 30–49 år
--   11 sick_leave_pct_age_50_plus     Anställda 50 år –
-- line_id is the kpi_id of the same figure in kpi.kpi_values.
CREATE VIEW kpi.sick_leave AS
WITH side_by_side AS (
    SELECT
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name) AS org_name,
        line_order,
        line_id,
        any_value(line_name) AS line_name,
        any_value(CASE WHEN denominator <> 0 THEN CAST(numerator AS DOUBLE) * 100 / CAST(denominator AS DOUBLE) END)
            FILTER (WHERE measure = 'actual')                         AS value,
        any_value(suppressed) FILTER (WHERE measure = 'actual')       AS suppressed,
        any_value(CASE WHEN denominator <> 0 THEN CAST(numerator AS DOUBLE) * 100 / CAST(denominator AS DOUBLE) END)
            FILTER (WHERE measure = 'previous_year')                  AS value_previous_year,
        any_value(suppressed) FILTER (WHERE measure = 'previous_year') AS suppressed_previous_year,
        any_value(CASE WHEN denominator <> 0 THEN CAST(numerator AS DOUBLE) * 100 / CAST(denominator AS DOUBLE) END)
            FILTER (WHERE measure = 'two_years_earlier')              AS value_two_years_earlier,
        any_value(suppressed) FILTER (WHERE measure = 'two_years_earlier') AS suppressed_two_years_earlier
    FROM internal.sick_leave_lines
    GROUP BY period, time_window, org_level, org_id, line_order, line_id
    HAVING bool_or(measure = 'actual')
)

SELECT
    CAST(period AS INTEGER)                         AS period,
    CAST(period // 100 AS INTEGER)                  AS year,
    CAST(time_window AS VARCHAR)                    AS time_window,
    CAST(org_level AS VARCHAR)                      AS org_level,
    CAST(org_id AS VARCHAR)                         AS org_id,
    CAST(org_name AS VARCHAR)                       AS org_name,
    CAST(line_order AS INTEGER)                     AS line_order,
    CAST(line_id AS VARCHAR)                        AS line_id,
    CAST(line_name AS VARCHAR)                      AS line_name,
    CAST(value AS DECIMAL(18,4))                    AS value,
    CAST(COALESCE(suppressed, false) AS BOOLEAN)    AS suppressed,
    CAST(value_previous_year AS DECIMAL(18,4))      AS value_previous_year,
    CAST(suppressed_previous_year AS BOOLEAN)       AS suppressed_previous_year,
    CAST(value_two_years_earlier AS DECIMAL(18,4))  AS value_two_years_earlier,
    CAST(suppressed_two_years_earlier AS BOOLEAN)   AS suppressed_two_years_earlier
FROM side_by_side
