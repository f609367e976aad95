-- kpi_id:         net_cost_development_pct
-- name_sv:        Nettokostnadsutveckling
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Samma som bruttokostnadsutveckling på nettokostnad = kostnad − intäkter exklusive
--                 regionersättning (internal_allocation).
-- definition:     the same as gross_cost_development_pct on net cost = cost − revenue excluding lines flagged
--                 `internal_allocation` (regionersättning)
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window; base_net_cost
-- is the net cost of the window a year before the measure's own.
SELECT period, time_window, org_level, org_id, org_name, measure,
       net_cost - base_net_cost AS numerator, base_net_cost AS denominator, 100 AS ratio_scale, false AS suppressed
FROM internal.ledger_window
