-- kpi_id:         acg_casemix
-- name_sv:        ACG-vikt per listad (case-mix)
-- unit:           poäng
-- good_direction: up
-- has_budget:     false
-- window:         sum
-- description:    Σ ACG-poäng ÷ Σ listade per månad.
-- definition:     Σ ACG_POINTS ÷ Σ monthly LISTED over W
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with ACG points, from
-- internal.listing_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       acg_points AS numerator, COALESCE(listed, 0) AS denominator, 1 AS ratio_scale, false AS suppressed
FROM internal.listing_window
WHERE acg_points IS NOT NULL
