-- kpi_id:         personnel_cost
-- name_sv:        Personalkostnader
-- unit:           kr
-- good_direction: down
-- has_budget:     true
-- window:         sum
-- description:    Kostnad på konton flaggade personnel eller agency (inhyrd personal ingår).
-- definition:     cost on accounts flagged `personnel` or `agency` (inhyrd personal ingår)
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       personnel_cost AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.ledger_window
