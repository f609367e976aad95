-- temp.hr_suppression_relations (build only): one row per relation × member cell, the relation dated by the period of
-- its sum, its latest, and numbered (relation_id) in the order of (period, its key: kind|cell_id of its sum), which
-- internal.hr_suppression reads as its tie-break between the relations of a month; stored in that order, so that a
-- month's relations are read without the others. employees: the member's (a small group at 10 or fewer). A relation
-- is a set of published
-- HR cells one of which is the sum of the others, so that any one of them follows from the rest by subtraction —
-- the sums internal.hr_suppression protects (cells of temp.hr_suppression_cells), those not already protected by two
-- small groups:
--   area            an area = Σ its units                      (same period, window, measure, population)
--   total_areas     TOTAL = Σ the areas
--   ownership       PUBLIC or PRIVATE = Σ its units
--   total_ownership TOTAL = PUBLIC + PRIVATE + Σ the units without an ownership
--   split           'worked' = Σ 'staff_category.*'; 'worked' = Σ 'profession.*'; 'sick_leave.all' = women + men;
--                   'sick_leave.all' = Σ the three age groups   (same period, window, measure, org)
--   ytd             ytd(P) = ytd(P − 1) + month(P), January: ytd = month   (same measure, org, population)
--   measure         previous_year(P) = actual(P − 12), two_years_earlier(P) = actual(P − 24): the same figure
-- Members are cells of at least one employee; is_sum marks the member the others add up to. may_hide: whether
-- internal.hr_suppression may suppress the member to protect this relation. Only cells of the relation's latest
-- period may be.
-- Only the relations of the periods internal.hr_suppression computes (>= ${recompute_from}: partial, build-order.txt);
-- they read the cells of those periods and of up to two years before them.
CREATE TEMP TABLE hr_suppression_relations AS
WITH units AS (
    SELECT DISTINCT period, unit_id, area_id, ownership
    FROM internal.org_map
    WHERE period >= ${recompute_from}
),

-- the cells a relation of a period >= ${recompute_from} can hold: ytd reaches a month back, measure two years
cells AS (
    SELECT *
    FROM temp.hr_suppression_cells
    WHERE period >= (${recompute_from} // 100 - 2) * 100
),

-- the sums of the relations made here
sums AS (
    SELECT *
    FROM temp.hr_suppression_cells
    WHERE period >= ${recompute_from}
),

org_members (kind, period, parent_level, parent_id, child_level, child_id) AS (
    SELECT 'area', period, 'area', area_id, 'unit', unit_id FROM units
    UNION ALL
    SELECT DISTINCT 'total_areas', period, 'total', 'TOTAL', 'area', area_id FROM units
    UNION ALL
    SELECT 'ownership', period, 'ownership', ownership, 'unit', unit_id FROM units WHERE ownership IS NOT NULL
    UNION ALL
    SELECT DISTINCT 'total_ownership', period, 'total', 'TOTAL', 'ownership', ownership
    FROM units WHERE ownership IS NOT NULL
    UNION ALL
    SELECT 'total_ownership', period, 'total', 'TOTAL', 'unit', unit_id FROM units WHERE ownership IS NULL
),

split_members (kind, parent_population, child_population) AS (
    SELECT DISTINCT 'split_staff_category', 'worked', population
    FROM temp.hr_suppression_cells WHERE starts_with(population, 'staff_category.')
    UNION ALL
    SELECT DISTINCT 'split_profession', 'worked', population
    FROM temp.hr_suppression_cells WHERE starts_with(population, 'profession.')
    UNION ALL
    SELECT 'split_gender', 'sick_leave.all', population
    FROM (VALUES ('sick_leave.women'), ('sick_leave.men')) AS g (population)
    UNION ALL
    SELECT 'split_age', 'sick_leave.all', population
    FROM (VALUES ('sick_leave.age_0_29'), ('sick_leave.age_30_49'), ('sick_leave.age_50_plus')) AS g (population)
),

-- (period of the sum, relation key, member cell, may_hide); the parent of each relation once, its parts once each
members AS (
    -- org: parent and children at the same period, window, measure, population
    SELECT DISTINCT p.period, o.kind || '|' || p.cell_id AS relation, p.cell_id, true AS may_hide, true AS is_sum
    FROM org_members AS o
    JOIN sums AS p
        ON p.period = o.period AND p.org_level = o.parent_level AND p.org_id = o.parent_id
    UNION ALL
    SELECT DISTINCT p.period, o.kind || '|' || p.cell_id, c.cell_id, true, false
    FROM org_members AS o
    JOIN sums AS p
        ON p.period = o.period AND p.org_level = o.parent_level AND p.org_id = o.parent_id
    JOIN sums AS c
        ON c.period = p.period AND c.time_window = p.time_window AND c.measure = p.measure
       AND c.population = p.population AND c.org_level = o.child_level AND c.org_id = o.child_id

    UNION ALL

    -- split: parent population and its parts, same period, window, measure, org
    SELECT DISTINCT p.period, s.kind || '|' || p.cell_id, p.cell_id, true, true
    FROM split_members AS s
    JOIN sums AS p
        ON p.population = s.parent_population
    UNION ALL
    SELECT p.period, s.kind || '|' || p.cell_id, c.cell_id, true, false
    FROM split_members AS s
    JOIN sums AS p
        ON p.population = s.parent_population
    JOIN sums AS c
        ON c.period = p.period AND c.time_window = p.time_window AND c.measure = p.measure
       AND c.org_level = p.org_level AND c.org_id = p.org_id AND c.population = s.child_population

    UNION ALL

    -- ytd(P) = ytd(P − 1) + month(P); ytd(P − 1) is of an earlier month and stays as decided
    SELECT y.period, 'ytd|' || y.cell_id, y.cell_id, true, true
    FROM sums AS y
    WHERE y.time_window = 'ytd'
    UNION ALL
    SELECT y.period, 'ytd|' || y.cell_id, m.cell_id, true, false
    FROM sums AS y
    JOIN sums AS m
        ON m.period = y.period AND m.time_window = 'month' AND m.measure = y.measure
       AND m.org_level = y.org_level AND m.org_id = y.org_id AND m.population = y.population
    WHERE y.time_window = 'ytd'
    UNION ALL
    SELECT y.period, 'ytd|' || y.cell_id, e.cell_id, false, false
    FROM sums AS y
    JOIN cells AS e
        ON e.period = y.period - 1 AND e.time_window = 'ytd' AND e.measure = y.measure
       AND e.org_level = y.org_level AND e.org_id = y.org_id AND e.population = y.population
    WHERE y.time_window = 'ytd' AND y.period % 100 <> 1

    UNION ALL

    -- previous_year(P) and two_years_earlier(P) are actual(P − 12) and actual(P − 24) again, decided then
    SELECT c.period, 'measure|' || c.cell_id, c.cell_id, true, true
    FROM sums AS c
    WHERE c.measure IN ('previous_year', 'two_years_earlier')
    UNION ALL
    SELECT c.period, 'measure|' || c.cell_id, a.cell_id, false, false
    FROM sums AS c
    JOIN cells AS a
        ON a.period = c.period - CASE c.measure WHEN 'previous_year' THEN 100 ELSE 200 END
       AND a.measure = 'actual' AND a.time_window = c.time_window
       AND a.org_level = c.org_level AND a.org_id = c.org_id AND a.population = c.population
    WHERE c.measure IN ('previous_year', 'two_years_earlier')
),

-- a cell of no employees (own staff without scheduled hours in the window) is suppressed but all zeros: it protects
-- nothing and needs no protection, so it is no member
member_cells AS (
    SELECT m.period, m.relation, m.cell_id, m.may_hide, m.is_sum, c.employees, c.employees <= 10 AS small_group
    FROM members AS m
    JOIN cells AS c
        USING (cell_id)
    WHERE c.employees > 0
),

-- a relation with two or more small groups is protected before internal.hr_suppression starts and stays so (its
-- suppressed members only grow): it is never open (exactly one suppressed member) nor untouched (none), the only
-- states the suppression reads, so it is left out.
open_at_start AS (
    SELECT relation
    FROM member_cells
    GROUP BY relation
    HAVING count(*) FILTER (WHERE small_group) < 2
)

SELECT
    CAST(dense_rank() OVER (ORDER BY m.period, m.relation) AS INTEGER) AS relation_id,
    CAST(m.period AS INTEGER) AS period,
    m.cell_id,
    m.may_hide,
    m.is_sum,
    m.employees
FROM member_cells AS m
SEMI JOIN open_at_start AS o
    ON o.relation = m.relation
ORDER BY relation_id
