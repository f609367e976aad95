-- kpi.kpi_components: one row per KPI × period × time window × org level × org × measure
-- ('actual' | 'budget' | 'previous_year'), for every source: the numerators and denominators
-- kpi.kpi_values divides. Each source contributes a view of this shape; production and HR KPIs join
-- the union here when they arrive. suppressed = true hides a value (small groups, sick leave).
CREATE VIEW kpi.kpi_components AS
SELECT
    kpi_id,
    period,
    time_window,
    org_level,
    org_id,
    org_name,
    measure,
    CAST(numerator   AS DECIMAL(38,6)) AS numerator,
    CAST(denominator AS DECIMAL(38,6)) AS denominator,
    CAST(ratio_scale AS DECIMAL(38,6)) AS ratio_scale,
    suppressed
FROM kpi.ledger_components

UNION ALL

-- HR: worked time, årsarbetare, cost per worked hour, sick leave (kpi/hr_components.sql)
SELECT
    kpi_id,
    period,
    time_window,
    org_level,
    org_id,
    org_name,
    measure,
    CAST(numerator   AS DECIMAL(38,6)) AS numerator,
    CAST(denominator AS DECIMAL(38,6)) AS denominator,
    CAST(ratio_scale AS DECIMAL(38,6)) AS ratio_scale,
    suppressed
FROM kpi.hr_components
