-- kpi_id:         sick_leave_pct_days_15_90
-- name_sv:        Sjukfrånvaro sjukdag 15–90
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Sjukfrånvarotimmar på dag 15–90 i sjukfallet ÷ schemalagd tid × 100, egen personal.
-- definition:     sick hours on days 15–90 of the sick spell ÷ scheduled hours × 100
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- the sick-leave group 'all' of kpi.hr_sick_leave (own staff with scheduled hours in the window; NULL and
-- suppressed for groups of 10 or fewer employees).
SELECT period, time_window, org_level, org_id, org_name, measure,
       sick_hours_days_15_90 AS numerator, scheduled_hours AS denominator, 100 AS ratio_scale, suppressed
FROM kpi.hr_sick_leave
WHERE group_id = 'all' AND measure IN ('actual', 'previous_year')
