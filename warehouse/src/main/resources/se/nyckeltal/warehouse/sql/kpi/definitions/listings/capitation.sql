-- kpi_id:         capitation
-- name_sv:        Listningsersättning
-- unit:           kr
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Σ över periodens månader och komponenter av ersättning (capitation_rates.csv för året och
--                 enhetens driftform) × antal. Enheter utan driftform och år utan ersättningar räknas inte (se
--                 meta.data_quality).
-- definition:     Σ over W's months and components of rate(year, ownership of the unit, component, key) ×
--                 quantity; priced unit-months only (a unit with an ownership, a year with rates)
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with a priced
-- unit-month, from internal.listing_window. An org without one has no row (NULL, never a silent 0).
SELECT period, time_window, org_level, org_id, org_name, measure,
       capitation AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.listing_window
WHERE priced
