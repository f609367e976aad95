-- kpi_id:         sick_leave_pct_age_30_49
-- name_sv:        Sjukfrånvaro anställda 30–49 år
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Sjukfrånvaro (%) för anställda 30–49 år, egen personal.
-- definition:     as sick_leave_pct, employees 30–49 years
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- the sick-leave group 'age_30_49' of kpi.hr_sick_leave (own staff with scheduled hours in the window; NULL and
-- suppressed for groups of 10 or fewer employees).
SELECT period, time_window, org_level, org_id, org_name, measure,
       sick_hours AS numerator, scheduled_hours AS denominator, 100 AS ratio_scale, suppressed
FROM kpi.hr_sick_leave
WHERE group_id = 'age_30_49' AND measure IN ('actual', 'previous_year')
