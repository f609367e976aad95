-- kpi_id:         average_length_of_stay
-- name_sv:        Medelvårdtid somatik
-- unit:           dagar
-- good_direction: down
-- has_budget:     true
-- window:         sum
-- description:    Vårddagar somatik ÷ vårdtillfällen somatik (utskrivna), båda summerade över fönstret.
-- definition:     Σ `BED_DAYS_SOMATIC` ÷ Σ `DISCHARGE_SOMATIC`
--
-- One row per period × time window × org level × org × measure where the org has either contact type, from
-- internal.production_window.
SELECT period, time_window, org_level, org_id, org_name, measure,
       COALESCE(SUM(volume) FILTER (WHERE contact_type = 'BED_DAYS_SOMATIC'), 0)  AS numerator,
       COALESCE(SUM(volume) FILTER (WHERE contact_type = 'DISCHARGE_SOMATIC'), 0) AS denominator,
       1                                                                         AS ratio_scale,
       false                                                                     AS suppressed
FROM internal.production_window
WHERE lag_months = 0 AND contact_type IN ('BED_DAYS_SOMATIC', 'DISCHARGE_SOMATIC')
GROUP BY period, time_window, org_level, org_id, org_name, measure
