-- kpi_id:         gross_cost_development_pct
-- name_sv:        Bruttokostnadsutveckling
-- unit:           %
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    (kostnad(W) ÷ kostnad(W − 12 månader) − 1) × 100. Täljare: kostnad(W) − kostnad(W − 12),
--                 nämnare: kostnad(W − 12).
-- definition:     (cost(W) ÷ cost(W − 12 months) − 1) × 100; numerator cost(W) − cost(W−12), denominator
--                 cost(W−12)
--
-- One row per period × time window × org level × org × measure, from internal.ledger_window; base_cost is
-- the cost of the window a year before the measure's own.
SELECT period, time_window, org_level, org_id, org_name, measure,
       cost - base_cost AS numerator, base_cost AS denominator, 100 AS ratio_scale, false AS suppressed
FROM internal.ledger_window
