-- kpi_id:         sick_leave_pct
-- name_sv:        Sjukfrånvaro
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Sjukfrånvarotimmar ÷ schemalagd tid × 100, egen personal med schemalagd tid i perioden. Döljs
--                 (NULL) för grupper med högst 10 anställda.
-- definition:     sick hours ÷ scheduled hours × 100, own staff with scheduled hours in W
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- the sick-leave group 'all' of kpi.hr_sick_leave (own staff with scheduled hours in the window; NULL and
-- suppressed for groups of 10 or fewer employees).
SELECT period, time_window, org_level, org_id, org_name, measure,
       sick_hours AS numerator, scheduled_hours AS denominator, 100 AS ratio_scale, suppressed
FROM kpi.hr_sick_leave
WHERE group_id = 'all' AND measure IN ('actual', 'previous_year')
