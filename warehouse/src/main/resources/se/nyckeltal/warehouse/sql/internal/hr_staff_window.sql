-- internal.hr_staff_window: one row per period × time window × measure ('actual', 'previous_year') × org level
-- × org × profession × staff category with HR rows, for every period with HR rows: worked time (WORKED +
-- OVERTIME, ON_CALL excluded) summed over the window and the org's cost centres, rolled up with the org
-- structure of the period (like-for-like). fte.<PROFESSION> and worked_hours.<STAFF_CATEGORY>
-- (kpi/definitions/hr/) sum it over the other split: Σ over professions or over staff categories is
-- internal.hr_window_hours.worked_excl_on_call. HR has no budget.
CREATE VIEW internal.hr_staff_window AS
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM internal.hr_worked
)

SELECT
    w.period,
    w.time_window,
    w.measure,
    r.org_level,
    r.org_id,
    any_value(r.org_name)                  AS org_name,
    h.profession,
    h.staff_category,
    SUM(h.worked_hours + h.overtime_hours) AS worked_hours
FROM internal.comparison_window AS w
JOIN hr_periods AS p
    ON p.period = w.period
JOIN internal.hr_worked AS h
    ON h.period = w.month_period
JOIN internal.org_rollup AS r
    ON r.period = w.period
   AND r.cost_center = h.cost_center
WHERE w.lag_months = 0
  AND w.role = 'current'
  AND w.measure IN ('actual', 'previous_year')
GROUP BY w.period, w.time_window, w.measure, r.org_level, r.org_id, h.profession, h.staff_category
