-- kpi_id:         operations_total
-- name_sv:        Operationer totalt
-- unit:           st
-- good_direction: up
-- has_budget:     true
-- window:         sum
-- description:    Σ volym av slutenvårdsoperationer, dagkirurgi och klinikegna operationer (OPERATION_INPATIENT +
--                 OPERATION_DAY_SURGERY + OPERATION_CLINIC).
-- definition:     Σ volume of the three OPERATION_* contact types: `OPERATION_INPATIENT` + `OPERATION_DAY_SURGERY`
--                 + `OPERATION_CLINIC`, every provider
--
-- One row per period × time window × org level × org × measure where the org has any of the three, from
-- internal.production_window.
SELECT period, time_window, org_level, org_id, any_value(org_name) AS org_name, measure,
       SUM(volume) AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.production_window
WHERE lag_months = 0
  AND contact_type IN ('OPERATION_INPATIENT', 'OPERATION_DAY_SURGERY', 'OPERATION_CLINIC')
GROUP BY period, time_window, org_level, org_id, measure
