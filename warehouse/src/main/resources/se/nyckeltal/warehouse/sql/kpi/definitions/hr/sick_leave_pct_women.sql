-- kpi_id:         sick_leave_pct_women
-- name_sv:        Sjukfrånvaro kvinnor
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Sjukfrånvaro (%) för kvinnor, egen personal.
-- definition:     as sick_leave_pct, women
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows: its
-- line of internal.sick_leave_lines, where the numerator and denominator of every sick-leave line are defined
-- (own staff with scheduled hours in the window; NULL and suppressed where internal.hr_suppression says: groups of
-- 10 or fewer employees and the figures that would give one away).
SELECT period, time_window, org_level, org_id, org_name, measure,
       numerator, denominator, 100 AS ratio_scale, suppressed
FROM internal.sick_leave_lines
WHERE line_id = 'sick_leave_pct_women' AND measure IN ('actual', 'previous_year')
