-- kpi_id:         cost
-- name_sv:        Kostnader
-- unit:           kr
-- good_direction: down
-- has_budget:     true
-- window:         sum
-- description:    Utfall på kostnadsrader (COST): huvudboksbelopp.
-- definition:     Σ amount on COST lines
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       cost AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.ledger_window
