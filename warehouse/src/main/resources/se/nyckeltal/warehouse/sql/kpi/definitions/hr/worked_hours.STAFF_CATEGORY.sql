-- kpi_id:         worked_hours.<STAFF_CATEGORY>
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- definition:     `worked_hours` of one staff category (`worked_hours.OWN`, `.RESOURCE_POOL`, `.AGENCY`): WORKED +
--                 OVERTIME hours, ON_CALL excluded; Σ over the categories is `worked_hours`
--
-- A family: one KPI per staff category of the HR contract (StaffCategory: OWN, RESOURCE_POOL, AGENCY). The first
-- statement names them (dim.kpi); the second computes them: one row per period × time window × org level × org ×
-- measure ('actual', 'previous_year') × staff category with HR rows, from internal.hr_window_hours (population
-- 'staff_category.<STAFF_CATEGORY>'), suppressed as internal.hr_suppression says.
SELECT *
FROM (
    VALUES
        ('OWN', 'Utförd arbetstid egen personal', 'h',
         'Arbetade timmar + övertid/mertid för egen personal, exklusive jour och beredskap.'),
        ('RESOURCE_POOL', 'Utförd arbetstid resursenheten', 'h',
         'Arbetade timmar + övertid/mertid för resursenhetens personal, exklusive jour och beredskap.'),
        ('AGENCY', 'Utförd arbetstid externt inhyrd personal', 'h',
         'Arbetade timmar + övertid/mertid för externt inhyrd personal, exklusive jour och beredskap.')
) AS members (member, name_sv, unit, description);

SELECT substring(population, length('staff_category.') + 1) AS member, period, time_window, org_level, org_id,
       org_name, measure, worked_hours AS numerator, NULL AS denominator, NULL AS ratio_scale, suppressed
FROM internal.hr_window_hours
WHERE starts_with(population, 'staff_category.')
