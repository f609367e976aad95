-- kpi_id:         capitation_per_listed
-- name_sv:        Ersättning per listad och månad
-- unit:           kr
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Listningsersättning ÷ Σ listade per månad (samma enhetsmånader): genomsnittlig ersättning per
--                 listad och månad.
-- definition:     `capitation` ÷ Σ monthly LISTED of the same (priced) unit-months: kr per listed person and month
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with a priced
-- unit-month, from internal.listing_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       capitation AS numerator, COALESCE(listed_priced, 0) AS denominator, 1 AS ratio_scale, false AS suppressed
FROM internal.listing_window
WHERE priced
