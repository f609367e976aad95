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
-- internal.production_window: the ratio line of internal.production_ratio_line whose kpi_id this is (its contact
-- types and scale, shared with the Produktionsdata line 'Medelvårdtid somatik (dagar)').
SELECT w.period, w.time_window, w.org_level, w.org_id, w.org_name, w.measure,
       COALESCE(SUM(w.volume) FILTER (WHERE list_contains(l.numerator_types, w.contact_type)), 0)   AS numerator,
       COALESCE(SUM(w.volume) FILTER (WHERE list_contains(l.denominator_types, w.contact_type)), 0) AS denominator,
       any_value(l.ratio_scale)                                                                      AS ratio_scale,
       false                                                                                         AS suppressed
FROM internal.production_window AS w
JOIN internal.production_ratio_line AS l
    ON list_contains(l.numerator_types, w.contact_type) OR list_contains(l.denominator_types, w.contact_type)
WHERE l.kpi_id = 'average_length_of_stay' AND w.lag_months = 0
GROUP BY w.period, w.time_window, w.org_level, w.org_id, w.org_name, w.measure
