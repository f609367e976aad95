-- internal.org_map: one row per period × cost centre that appears in the facts: the unit and area that cost
-- centre belongs to in the org structure valid on the FIRST DAY of the period. Every roll-up shown at a
-- period uses this mapping, for its comparison windows too (like-for-like: a unit that moved from area
-- A to B on 2026-01-01 counts in B for 2026 and for the previous-year figures shown at 2026 periods).
--
-- Which version of a unit applies on a day:
--   1. a version valid that day (valid_from <= day <= valid_to, valid_to inclusive, NULL = open);
--      if two are (one ends the day the next begins), the later valid_from;
--   2. else, when the unit has closed before that day, its latest version that started before it;
--   3. else (the unit opens later), its earliest version.
-- A cost centre missing from org_units.csv maps to unit 'UNMAPPED' (Okänt kostnadsställe) in area
-- 'UNMAPPED' (Ej mappat), all unknown cost centres together. ownership (PUBLIC | PRIVATE, vårdval) and
-- unit_type come from the same version; NULL where org_units.csv gives none.
CREATE TABLE internal.org_map AS
WITH cost_centers AS (
    SELECT DISTINCT cost_center FROM fact.ledger
    UNION
    SELECT DISTINCT unit FROM fact.production
    -- production units and HR cost centres join this union when they arrive
    UNION
    SELECT cost_center FROM temp.hr_worked
    UNION
    SELECT unit FROM fact.indicator
    UNION
    SELECT cost_center FROM fact.ledger_forecasts
    UNION
    SELECT DISTINCT unit FROM fact.listings
),

ranked_versions AS (
    SELECT
        p.period,
        c.cost_center,
        u.unit_id,
        u.unit_name,
        u.area_id,
        u.area_name,
        u.ownership,
        u.unit_type,
        row_number() OVER (
            PARTITION BY p.period, c.cost_center
            ORDER BY
                CASE
                    WHEN u.valid_from <= p.first_day AND (u.valid_to IS NULL OR u.valid_to >= p.first_day) THEN 1
                    WHEN u.valid_from <= p.first_day THEN 2
                    ELSE 3
                END,
                CASE WHEN u.valid_from <= p.first_day THEN u.valid_from END DESC NULLS LAST,
                u.valid_from,
                u.valid_to DESC NULLS FIRST
        ) AS version_rank
    FROM dim.period AS p
    CROSS JOIN cost_centers AS c
    JOIN dim.org_unit AS u
        ON u.unit_id = c.cost_center
)

SELECT period, cost_center, unit_id, unit_name, area_id, area_name, ownership, unit_type
FROM ranked_versions
WHERE version_rank = 1

UNION ALL

SELECT p.period, c.cost_center, 'UNMAPPED', 'Okänt kostnadsställe', 'UNMAPPED', 'Ej mappat', NULL, NULL
FROM dim.period AS p
CROSS JOIN cost_centers AS c
WHERE NOT EXISTS (SELECT 1 FROM dim.org_unit AS u WHERE u.unit_id = c.cost_center)

ORDER BY period, cost_center
