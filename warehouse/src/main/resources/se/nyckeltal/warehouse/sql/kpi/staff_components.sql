-- kpi.staff_components: one row per staff KPI × period × time window × org level × org × measure ('actual',
-- 'previous_year'), for every period with HR rows; the shape of kpi.hr_components. No budget.
--
--   headcount                      distinct employees with WORKED or OVERTIME hours in the window, every staff
--                                  category (kpi.hr_headcount, from the restricted employee months)
--   fte.<PROFESSION>               worked_hours of the profession ÷ the norm hours of the window
--                                  (kpi.hr_window_hours): Σ over the professions is fte
--   worked_hours.<STAFF_CATEGORY>  WORKED + OVERTIME hours of OWN, RESOURCE_POOL or AGENCY staff, ON_CALL
--                                  excluded: Σ over the categories is worked_hours
-- Rolled up with the org structure of the period (kpi.org_rollup), like-for-like.
CREATE VIEW kpi.staff_components AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM fact.hr_time
),

measure_feeds (measure, years_back) AS (
    VALUES ('actual', 0), ('previous_year', 1)
),

split_hours AS (
    SELECT
        w.period,
        w.time_window,
        f.measure,
        r.org_level,
        r.org_id,
        any_value(r.org_name)                  AS org_name,
        h.profession,
        h.staff_category,
        SUM(h.worked_hours + h.overtime_hours) AS worked_hours
    FROM kpi.window_months AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    CROSS JOIN measure_feeds AS f
    JOIN fact.hr_time AS h
        ON h.period = w.month_period - 100 * f.years_back
    JOIN kpi.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = h.cost_center
    GROUP BY w.period, w.time_window, f.measure, r.org_level, r.org_id, h.profession, h.staff_category
)

SELECT 'fte.' || s.profession AS kpi_id, s.period, s.time_window, s.org_level, s.org_id,
       any_value(s.org_name) AS org_name, s.measure, SUM(s.worked_hours) AS numerator,
       any_value(n.norm_hours) AS denominator, 1 AS ratio_scale, false AS suppressed
FROM split_hours AS s
JOIN kpi.hr_window_hours AS n
    USING (period, time_window, measure, org_level, org_id)
GROUP BY s.profession, s.period, s.time_window, s.org_level, s.org_id, s.measure

UNION ALL

SELECT 'worked_hours.' || staff_category, period, time_window, org_level, org_id, any_value(org_name), measure,
       SUM(worked_hours), NULL, NULL, false
FROM split_hours
GROUP BY staff_category, period, time_window, org_level, org_id, measure

UNION ALL

SELECT 'headcount', period, time_window, org_level, org_id, org_name, measure, employees, NULL, NULL, false
FROM kpi.hr_headcount
