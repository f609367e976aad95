-- internal.production_monthly: one row per period × scenario × cost centre (the production unit id) × provider ×
-- contact type with production rows: the volumes the production KPIs and tables are built from. A contact
-- type missing from contact_types.csv is 'UNMAPPED' here (all unknown codes together; meta.data_quality
-- names them). weighted_volume is 0 for contact types without a weight. A table, not a view: every production KPI,
-- window and table reads it.
CREATE TABLE internal.production_monthly AS
SELECT
    p.period,
    p.scenario,
    p.unit                                                         AS cost_center,
    p.provider,
    CASE WHEN c.contact_type IS NULL THEN 'UNMAPPED' ELSE p.contact_type END AS contact_type,
    SUM(p.volume)                                                  AS volume,
    SUM(p.weighted_volume)                                         AS weighted_volume
FROM fact.production AS p
LEFT JOIN dim.contact_type AS c
    ON c.contact_type = p.contact_type
GROUP BY ALL
