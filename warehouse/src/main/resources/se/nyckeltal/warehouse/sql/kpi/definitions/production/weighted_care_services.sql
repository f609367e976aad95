-- kpi_id:         weighted_care_services
-- name_sv:        Viktade vårdtjänster
-- unit:           poäng
-- good_direction: up
-- has_budget:     true
-- window:         sum
-- description:    Σ volym × vikt för kontakttypen och året (contact_types.csv), alla vårdgivartyper. Kontakttyper
--                 utan vikt räknas inte.
-- definition:     Σ volume × weight of the contact type in the period's year; contact types without a weight
--                 count 0
--
-- One row per period × time window × org level × org × measure where the org has production of any contact
-- type, from internal.production_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       SUM(weighted_volume) AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.production_window
WHERE lag_months = 0
GROUP BY period, time_window, org_level, org_id, org_name, measure
