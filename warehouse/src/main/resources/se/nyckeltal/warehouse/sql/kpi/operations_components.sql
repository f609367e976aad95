-- kpi.operations_components: operations_total (Operationer totalt) per period × time window × org level ×
-- org × measure: Σ of the three OPERATION_* contact types (inpatient, day surgery, clinic), actual, budget
-- and previous year, exactly as kpi.production_components has them.
CREATE VIEW kpi.operations_components AS
SELECT
    'operations_total'   AS kpi_id,
    period,
    time_window,
    org_level,
    org_id,
    any_value(org_name)  AS org_name,
    measure,
    SUM(numerator)       AS numerator,
    NULL                 AS denominator,
    NULL                 AS ratio_scale,
    false                AS suppressed
FROM kpi.production_components
WHERE kpi_id IN ('production.OPERATION_INPATIENT', 'production.OPERATION_DAY_SURGERY', 'production.OPERATION_CLINIC')
GROUP BY period, time_window, org_level, org_id, measure
