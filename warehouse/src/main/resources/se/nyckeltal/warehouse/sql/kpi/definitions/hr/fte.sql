-- kpi_id:         fte
-- name_sv:        Årsarbetare utifrån arbetad tid
-- unit:           st
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Arbetad tid ÷ (normårsarbetstid(år) × antal månader i perioden ÷ 12); år = året för periodens
--                 sista månad, normen från parameters.csv (1 725 h om året saknas).
-- definition:     worked_hours ÷ (norm hours × months in W ÷ 12), with the norm of the year of W's last month
--                 (`dim.fte_norm`); the denominator column holds norm × months ÷ 12
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- internal.hr_window_hours; suppressed as internal.hr_suppression says.
SELECT period, time_window, org_level, org_id, org_name, measure,
       worked_hours AS numerator, norm_hours AS denominator, 1 AS ratio_scale, suppressed
FROM internal.hr_window_hours
WHERE population = 'worked'
