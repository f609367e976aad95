-- kpi_id:         drg_points
-- name_sv:        DRG-poäng totalt (1 mån släp)
-- unit:           poäng
-- good_direction: up
-- has_budget:     true
-- window:         lagged_one_month
-- description:    En månads släp: värdet vid period P är production.DRG_POINTS för samma fönstertyp vid P − 1 (ack
--                 mars = januari–februari, ack januari = hela föregående år).
-- definition:     at period P the value of `production.DRG_POINTS` for the same window type at P − 1 — month at
--                 March = February, ytd at March = January–February, ytd at January = the whole previous year;
--                 budget and previous year lagged the same way
--
-- One row per period × time window × org level × org × measure, from the lagged rows of
-- internal.production_window (which hold DRG_POINTS only).
SELECT period, time_window, org_level, org_id, org_name, measure,
       volume AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.production_window
WHERE lag_months = 1
