-- internal.org_rollup: one row per period × cost centre × org level ('unit', 'area', 'total', 'ownership'): the
-- org a cost centre's figures roll up to at that level, in the structure of that period (internal.org_map).
-- Every KPI and wide view groups by (org_level, org_id) after joining here, so unit, area, total and
-- ownership are computed the same way; 'total' holds everything loaded, UNMAPPED included. 'ownership'
-- (vårdval) holds only the units with an ownership in org_units.csv: org_id PUBLIC (Offentliga) or PRIVATE
-- (Privata), by the ownership valid on the period's first day, like-for-like as the areas.
CREATE VIEW internal.org_rollup AS
SELECT period, cost_center, 'unit' AS org_level, unit_id AS org_id, unit_name AS org_name
FROM internal.org_map

UNION ALL

SELECT period, cost_center, 'area', area_id, area_name
FROM internal.org_map

UNION ALL

SELECT period, cost_center, 'total', 'TOTAL', 'Totalt'
FROM internal.org_map

UNION ALL

SELECT period, cost_center, 'ownership', ownership,
       CASE ownership WHEN 'PUBLIC' THEN 'Offentliga' WHEN 'PRIVATE' THEN 'Privata' END
FROM internal.org_map
WHERE ownership IS NOT NULL
