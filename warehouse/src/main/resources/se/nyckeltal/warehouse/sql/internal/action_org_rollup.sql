-- internal.action_org_rollup: one row per period × org id an action plan names × org level: where an action of
-- that org counts at that period, in the org structure valid on the period's first day. An action of a
-- unit counts at the unit, its area and the total; of an area at the area and the total; of TOTAL (or an
-- org id org_units.csv does not know) at the total only.
CREATE VIEW internal.action_org_rollup AS
WITH named AS (
    SELECT DISTINCT org_id
    FROM fact.action_plan
),

units AS (
    SELECT p.period, u.unit_id, u.unit_name, u.area_id, u.area_name
    FROM dim.period AS p
    JOIN dim.org_unit AS u
        ON u.valid_from <= p.first_day
       AND (u.valid_to IS NULL OR u.valid_to >= p.first_day)
    QUALIFY row_number() OVER (PARTITION BY p.period, u.unit_id ORDER BY u.valid_from DESC) = 1
)

SELECT u.period, u.unit_id AS named_org_id, 'unit' AS org_level, u.unit_id AS org_id, u.unit_name AS org_name
FROM units AS u
JOIN named AS n
    ON n.org_id = u.unit_id

UNION ALL

SELECT u.period, u.unit_id, 'area', u.area_id, u.area_name
FROM units AS u
JOIN named AS n
    ON n.org_id = u.unit_id

UNION ALL

SELECT u.period, u.area_id, 'area', u.area_id, any_value(u.area_name)
FROM units AS u
JOIN named AS n
    ON n.org_id = u.area_id
WHERE NOT EXISTS (SELECT 1 FROM units AS same WHERE same.period = u.period AND same.unit_id = u.area_id)
GROUP BY u.period, u.area_id

UNION ALL

SELECT p.period, n.org_id, 'total', 'TOTAL', 'Totalt'
FROM dim.period AS p
CROSS JOIN named AS n
