-- kpi_id:         revenue
-- name_sv:        Intäkter
-- unit:           kr
-- good_direction: up
-- has_budget:     true
-- window:         sum
-- description:    Utfall på intäktsrader (REVENUE) som positivt belopp: −huvudboksbelopp.
-- definition:     −Σ amount on REVENUE lines
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       revenue AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.ledger_window
