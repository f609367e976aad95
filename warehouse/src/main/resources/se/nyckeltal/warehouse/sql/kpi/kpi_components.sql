-- kpi.kpi_components: one row per KPI × period × time window × org level × org × measure
-- ('actual' | 'budget' | 'previous_year'), for every source: the numerators and denominators
-- kpi.kpi_values divides. Each source contributes a view of this shape. suppressed = true hides a
-- value (sick leave of small groups). Parts carry 12 decimals so a small denominator (årsarbetare over
-- a year) is not rounded before kpi_values divides; the published columns have 6.
CREATE VIEW kpi.kpi_components AS
WITH sources AS (
    -- ledger: revenue, cost, result, personnel and agency cost, cost development
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.ledger_components

    UNION ALL
    -- production: production.<CONTACT_TYPE>, weighted_care_services, drg_points, bed_occupancy_pct,
    -- average_length_of_stay
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.production_components

    UNION ALL
    -- HR: worked time, årsarbetare, cost per worked hour, sick leave
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.hr_components

    UNION ALL
    -- production and HR together: DRG points per årsarbetare (one month lag)
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.drg_per_fte_components

    UNION ALL
    -- indicators from other systems: indicator.<INDICATOR>
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.indicator_components

    UNION ALL
    -- staff: headcount, fte.<PROFESSION>, worked_hours.<STAFF_CATEGORY>
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.staff_components

    UNION ALL
    -- production: operations_total
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.operations_components

    UNION ALL
    -- action plans: action_plan_planned_effect, action_plan_realised_effect
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.action_plan_components

    UNION ALL
    -- listings (vårdval): listed, capitation, capitation.<COMPONENT>, capitation_per_listed, acg_casemix
    SELECT kpi_id, period, time_window, org_level, org_id, org_name, measure, numerator, denominator,
           ratio_scale, suppressed
    FROM kpi.listing_components
)

SELECT
    kpi_id,
    period,
    time_window,
    org_level,
    org_id,
    org_name,
    measure,
    CAST(numerator   AS DECIMAL(38,12)) AS numerator,
    CAST(denominator AS DECIMAL(38,12)) AS denominator,
    CAST(ratio_scale AS DECIMAL(38,6)) AS ratio_scale,
    suppressed
FROM sources
