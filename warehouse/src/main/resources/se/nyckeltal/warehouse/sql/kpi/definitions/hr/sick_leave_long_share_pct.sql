-- kpi_id:         sick_leave_long_share_pct
-- name_sv:        Andel långtidssjukfrånvaro (60 dagar eller mer)
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Sjukfrånvarotimmar från dag 60 i sjukfallet ÷ alla sjukfrånvarotimmar × 100, egen personal.
-- definition:     sick hours from day 60 of the spell ÷ all sick hours × 100
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- the sick-leave group 'all' of kpi.hr_sick_leave (own staff with scheduled hours in the window; NULL and
-- suppressed for groups of 10 or fewer employees).
SELECT period, time_window, org_level, org_id, org_name, measure,
       sick_hours_day_60_plus AS numerator, sick_hours AS denominator, 100 AS ratio_scale, suppressed
FROM kpi.hr_sick_leave
WHERE group_id = 'all' AND measure IN ('actual', 'previous_year')
