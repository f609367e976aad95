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
-- internal.production_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       COALESCE(SUM(volume) FILTER (WHERE contact_type = 'OCCUPIED_BEDS_0600'), 0) AS numerator,
       COALESCE(SUM(volume) FILTER (WHERE contact_type = 'AVAILABLE_BEDS'), 0)     AS denominator,
       100                                                                        AS ratio_scale,
       false                                                                      AS suppressed
FROM internal.production_window
WHERE lag_months = 0 AND contact_type IN ('OCCUPIED_BEDS_0600', 'AVAILABLE_BEDS')
GROUP BY period, time_window, org_level, org_id, org_name, measure
