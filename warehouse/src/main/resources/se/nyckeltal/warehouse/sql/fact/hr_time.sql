-- fact.hr_time: one row per period × scenario × cost_center × staff_category (OWN, RESOURCE_POOL, AGENCY) that at
-- least 11 employees worked or were scheduled on: the HR hours analysts may see, never a small group. Computed
-- from the restricted employee months while the catalogue is built and stored as sums and counts only.
--   employees                        distinct employees with any hours in the row's group
--   employees_with_scheduled_hours   those of them with scheduled hours
--   worked_hours, overtime_hours, on_call_hours   of every employee of the group
--   scheduled_hours, vacation_hours, other_absence_hours   of the employees with scheduled hours only, the
--                                    population of the sick-leave KPIs
-- A group of 10 or fewer employees has no row at all (SPEC §5: ≤ 10 → suppressed), nor has one whose employees
-- with scheduled hours are 1 to 10: scheduled − worked − vacation − other absence would give away their sick
-- hours. Nor has a row whose figures the KPIs suppress to protect another group (internal.hr_suppression, month
-- and unit of the row): the staff category's worked time, and for OWN staff with a schedule their sick leave —
-- otherwise the area's figure minus this row would give the hidden unit's. There are no sick-hour columns and no
-- profession, gender or age band: sick leave is published only by kpi.kpi_values and kpi.sick_leave; worked time
-- per profession is the KPI fte.<PROFESSION>. The KPIs themselves are computed from the full-grain facts inside
-- the build (temp.hr_worked_groups, temp.hr_sick_groups, internal.hr_headcount).
-- A period's rows read only that period's employee months, units and flags: a nightly build computes the periods
-- from ${recompute_from} on (incremental-by-month, build-order.txt; an earlier period whose flags changed counts as
-- changed, internal.hr_suppression being compared) and keeps the rest.
CREATE TABLE fact.hr_time AS
WITH employee_rows AS (
    SELECT
        CAST(period AS INTEGER)                          AS period,
        CAST(scenario AS VARCHAR)                        AS scenario,
        CAST(cost_center AS VARCHAR)                     AS cost_center,
        CAST(staff_category AS VARCHAR)                  AS staff_category,
        employee,
        SUM(worked_hours)                                AS worked_hours,
        SUM(overtime_hours)                              AS overtime_hours,
        SUM(on_call_hours)                               AS on_call_hours,
        SUM(scheduled_hours)                             AS scheduled_hours,
        SUM(vacation_hours)                              AS vacation_hours,
        SUM(other_absence_hours)                         AS other_absence_hours
    FROM ${hr_employee_month_parquet}
    WHERE period >= ${recompute_from}
    GROUP BY ALL
),

groups AS (
    SELECT
        period,
        scenario,
        cost_center,
        staff_category,
        count(*)                                                         AS employees,
        count(*) FILTER (WHERE scheduled_hours > 0)                      AS employees_with_scheduled_hours,
        SUM(worked_hours)                                                AS worked_hours,
        SUM(overtime_hours)                                              AS overtime_hours,
        SUM(on_call_hours)                                               AS on_call_hours,
        COALESCE(SUM(scheduled_hours) FILTER (WHERE scheduled_hours > 0), 0)     AS scheduled_hours,
        COALESCE(SUM(vacation_hours) FILTER (WHERE scheduled_hours > 0), 0)      AS vacation_hours,
        COALESCE(SUM(other_absence_hours) FILTER (WHERE scheduled_hours > 0), 0) AS other_absence_hours
    FROM employee_rows
    GROUP BY period, scenario, cost_center, staff_category
)

SELECT
    period,
    scenario,
    cost_center,
    staff_category,
    CAST(employees AS INTEGER)                       AS employees,
    CAST(employees_with_scheduled_hours AS INTEGER)  AS employees_with_scheduled_hours,
    CAST(worked_hours AS DECIMAL(18,4))              AS worked_hours,
    CAST(overtime_hours AS DECIMAL(18,4))            AS overtime_hours,
    CAST(on_call_hours AS DECIMAL(18,4))             AS on_call_hours,
    CAST(scheduled_hours AS DECIMAL(18,4))           AS scheduled_hours,
    CAST(vacation_hours AS DECIMAL(18,4))            AS vacation_hours,
    CAST(other_absence_hours AS DECIMAL(18,4))       AS other_absence_hours
FROM groups AS g
JOIN internal.org_map AS u
    USING (period, cost_center)
LEFT JOIN internal.hr_suppression AS w
    ON w.period = g.period AND w.time_window = 'month' AND w.measure = 'actual' AND w.org_level = 'unit'
   AND w.org_id = u.unit_id AND w.population = 'staff_category.' || g.staff_category
LEFT JOIN internal.hr_suppression AS s
    ON s.period = g.period AND s.time_window = 'month' AND s.measure = 'actual' AND s.org_level = 'unit'
   AND s.org_id = u.unit_id AND s.population = 'sick_leave.all'
WHERE employees > 10
  AND (employees_with_scheduled_hours = 0 OR employees_with_scheduled_hours > 10)
  AND NOT COALESCE(w.suppressed, false)
  AND NOT (g.staff_category = 'OWN' AND employees_with_scheduled_hours > 0 AND COALESCE(s.suppressed, false))
ORDER BY period, scenario, cost_center, staff_category
