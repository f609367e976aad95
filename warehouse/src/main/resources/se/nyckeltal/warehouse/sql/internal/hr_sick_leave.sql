-- internal.hr_sick_leave: one row per period × time window × measure × org level × org × group, for every period
-- with HR rows: the sick leave of OWN staff (egen personal) with scheduled hours in the window (SPEC §5), as
-- internal.hr_suppression allows — summed in temp.hr_sick_groups while the catalogue is built: no employee, no
-- pseudonym, nothing that reads restricted storage after the build.
--   measure     'actual' the window itself; 'previous_year', 'two_years_earlier' the same window 12 and
--               24 months earlier — all rolled up with the org structure of period (like-for-like)
--   group_id    'all', 'women', 'men', 'age_0_29', 'age_30_49', 'age_50_plus'
--               (age = the year of the hours − birth year)
--   employees   distinct employees of the group with scheduled hours at that org in the window
--   suppressed  the group has 10 or fewer employees, or its hours would give such a group's away by subtraction
--               (internal.hr_suppression, population 'sick_leave.<group_id>'): every hour column is NULL
-- Hours: scheduled (the denominator), sick, sick by day number in the spell, sick from day 60 on.
CREATE TABLE internal.hr_sick_leave AS
SELECT
    g.period,
    g.time_window,
    g.measure,
    g.org_level,
    g.org_id,
    g.org_name,
    g.group_id,
    g.employees,
    s.suppressed,
    CASE WHEN NOT s.suppressed THEN g.scheduled_hours END           AS scheduled_hours,
    CASE WHEN NOT s.suppressed THEN g.sick_hours END                AS sick_hours,
    CASE WHEN NOT s.suppressed THEN g.sick_hours_days_1_14 END      AS sick_hours_days_1_14,
    CASE WHEN NOT s.suppressed THEN g.sick_hours_days_15_90 END     AS sick_hours_days_15_90,
    CASE WHEN NOT s.suppressed THEN g.sick_hours_days_91_365 END    AS sick_hours_days_91_365,
    CASE WHEN NOT s.suppressed THEN g.sick_hours_days_366_plus END  AS sick_hours_days_366_plus,
    CASE WHEN NOT s.suppressed THEN g.sick_hours_day_60_plus END    AS sick_hours_day_60_plus
FROM temp.hr_sick_groups AS g
JOIN internal.hr_suppression AS s
    ON s.period = g.period
   AND s.time_window = g.time_window
   AND s.measure = g.measure
   AND s.org_level = g.org_level
   AND s.org_id = g.org_id
   AND s.population = 'sick_leave.' || g.group_id
WHERE g.period >= ${recompute_from}
ORDER BY period, time_window, measure, org_level, org_id, group_id
