-- kpi_id:         result
-- name_sv:        Resultat
-- unit:           kr
-- good_direction: up
-- has_budget:     true
-- window:         sum
-- description:    Intäkter − kostnader.
-- definition:     revenue − cost
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       revenue - cost AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.ledger_window
