-- kpi_id:         agency_cost
-- name_sv:        Varav externt inhyrd personal
-- unit:           kr
-- good_direction: down
-- has_budget:     true
-- window:         sum
-- description:    Kostnad på konton flaggade agency.
-- definition:     cost on accounts flagged `agency`
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       agency_cost AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.ledger_window
