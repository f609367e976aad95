-- kpi_id:         worked_hours
-- name_sv:        Arbetad tid
-- unit:           h
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Arbetade timmar + övertid/mertid, alla personalkategorier (egen, resursenhet, inhyrd), exklusive
--                 jour och beredskap.
-- definition:     Σ WORKED + OVERTIME hours, every staff category, ON_CALL excluded
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- internal.hr_window_hours (as kpi.worked_time's line 5, so the two cannot disagree); suppressed as
-- internal.hr_suppression says.
SELECT period, time_window, org_level, org_id, org_name, measure,
       worked_hours AS numerator, NULL AS denominator, NULL AS ratio_scale, suppressed
FROM internal.hr_window_hours
WHERE population = 'worked'
