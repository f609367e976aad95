-- kpi_id:         bed_occupancy_pct
-- name_sv:        Beläggning 06:00
-- unit:           %
-- good_direction: down
-- has_budget:     true
-- window:         sum
-- description:    Belagda vårdplatser kl 06:00 ÷ disponibla vårdplatser × 100, båda summerade över dagarna i
--                 fönstret.
-- definition:     Σ `OCCUPIED_BEDS_0600` ÷ Σ `AVAILABLE_BEDS` × 100 (both delivered summed over days)
--
-- One row per period × time window × org level × org × measure where the org has either contact type, from
-- internal.production_window: the ratio line of internal.production_ratio_line whose kpi_id this is (its contact
-- types and scale, shared with the Produktionsdata line 'Beläggning 06:00 (%)').
SELECT w.period, w.time_window, w.org_level, w.org_id, w.org_name, w.measure,
       COALESCE(SUM(w.volume) FILTER (WHERE list_contains(l.numerator_types, w.contact_type)), 0)   AS numerator,
       COALESCE(SUM(w.volume) FILTER (WHERE list_contains(l.denominator_types, w.contact_type)), 0) AS denominator,
       any_value(l.ratio_scale)                                                                      AS ratio_scale,
       false                                                                                         AS suppressed
FROM internal.production_window AS w
JOIN internal.production_ratio_line AS l
    ON list_contains(l.numerator_types, w.contact_type) OR list_contains(l.denominator_types, w.contact_type)
WHERE l.kpi_id = 'bed_occupancy_pct' AND w.lag_months = 0
GROUP BY w.period, w.time_window, w.org_level, w.org_id, w.org_name, w.measure
