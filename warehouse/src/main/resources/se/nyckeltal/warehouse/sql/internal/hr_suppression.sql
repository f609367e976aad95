-- internal.hr_suppression: one row per HR figure the catalogue may publish — period × time window × measure × org
-- level × org × population ('worked', 'staff_category.<…>', 'profession.<…>', 'sick_leave.<group_id>') — saying
-- whether it is suppressed. The one rule every HR KPI, HR wide view and fact.hr_time applies (SPEC §5, Swedish law):
--   1. small_group     a figure of 10 or fewer employees is suppressed (primary suppression);
--   2. complementary   a published sum must not give a suppressed figure back by subtraction (area − its other
--                      units, all − women = men, ytd − previous month's ytd = the month, TOTAL − areas …: the
--                      relations of temp.hr_suppression_relations). Whenever exactly one member of a relation is
--                      suppressed, the member with the fewest employees that may still be suppressed is too (the
--                      next-smallest sibling, else the parent); repeated until every relation has none or at least
--                      two suppressed members (sekundärröjning, as in published statistics).
-- Only a member of the relation's latest period may be suppressed for it; the choice between candidates still counts
-- the relations of later months a candidate belongs to (new_open_sums), so a flag of an earlier month can change when
-- later months are loaded: the build compares this table with the previous catalogue's (build-order.txt, compared).
-- The rounds keep the complementary cells only (the small groups are suppressed from the start and never change): a
-- round counts each relation's suppressed members as its small groups, counted once before the rounds, plus its
-- complementary ones so far, instead of joining every relation member with every suppressed cell each round.
--   reason   'small_group' | 'complementary' | NULL (published)
CREATE TABLE internal.hr_suppression AS
-- each relation's members with whether they are small groups
WITH RECURSIVE members AS MATERIALIZED (
    SELECT r.relation_id, r.cell_id, r.may_hide, r.is_sum, c.employees <= 10 AS small_group
    FROM temp.hr_suppression_relations AS r
    JOIN temp.hr_suppression_cells AS c
        USING (cell_id)
),

-- each relation's small groups: 0 or 1 (temp.hr_suppression_members leaves out relations with two)
start_state AS MATERIALIZED (
    SELECT relation_id, count(*) FILTER (WHERE small_group) AS small_members
    FROM members
    GROUP BY relation_id
),

-- the cells suppressed to protect a relation, by round; the row of cell -1 (no cell) starts the rounds
complementary (cell_id, pass) USING KEY (cell_id) AS (
    SELECT -1, 0

    UNION

    -- each relation with exactly one suppressed member names the member it would suppress; a relation already
    -- protected by the choice of a relation ordered before it gives its own up (no two cells where one does)
    SELECT DISTINCT cell_id, pass
    FROM (
        -- how many members of each relation are suppressed: one leaves it open, none untouched (one pass over the
        -- complementary cells so far for both)
        WITH added AS (
            SELECT m.relation_id, count(*) AS added_members
            FROM members AS m
            JOIN recurring.complementary AS s
                USING (cell_id)
            GROUP BY m.relation_id
        ),

        relation_state AS MATERIALIZED (
            SELECT s.relation_id, s.small_members + coalesce(a.added_members, 0) AS suppressed_members
            FROM start_state AS s
            LEFT JOIN added AS a
                USING (relation_id)
        ),

        candidates AS (
            SELECT r.relation_id, r.cell_id, r.is_sum
            FROM members AS r
            JOIN relation_state AS o
                USING (relation_id)
            WHERE o.suppressed_members = 1
              AND r.may_hide
              AND NOT r.small_group
              AND r.cell_id NOT IN (SELECT cell_id FROM recurring.complementary)
        ),

        -- how many unprotected sums suppressing the cell would protect
        reach AS (
            SELECT cell_id, count(*) AS open_sums
            FROM candidates
            GROUP BY cell_id
        ),

        -- and how many sums without a suppressed member it would leave with one (to be protected next)
        cost AS (
            SELECT k.cell_id, count(DISTINCT m.relation_id) FILTER (WHERE u.suppressed_members = 0) AS new_open_sums
            FROM reach AS k
            JOIN members AS m
                ON m.cell_id = k.cell_id
            JOIN relation_state AS u
                ON u.relation_id = m.relation_id
            GROUP BY k.cell_id
        ),

        choices AS (
            SELECT
                k.relation_id,
                arg_min(k.cell_id, (k.is_sum, x.new_open_sums, -r.open_sums, c.employees, k.cell_id)) AS cell_id
            FROM candidates AS k
            JOIN reach AS r
                USING (cell_id)
            JOIN cost AS x
                USING (cell_id)
            JOIN temp.hr_suppression_cells AS c
                USING (cell_id)
            GROUP BY k.relation_id
        )

        SELECT choice.cell_id, (SELECT max(pass) FROM complementary) + 1 AS pass
        FROM choices AS choice
        WHERE NOT EXISTS (
            SELECT 1
            FROM choices AS earlier
            JOIN members AS own
                ON own.relation_id = choice.relation_id
               AND own.cell_id = earlier.cell_id
            WHERE earlier.relation_id < choice.relation_id)
    )
)

SELECT
    CAST(c.period AS INTEGER)           AS period,
    CAST(c.time_window AS VARCHAR)      AS time_window,
    CAST(c.measure AS VARCHAR)          AS measure,
    CAST(c.org_level AS VARCHAR)        AS org_level,
    CAST(c.org_id AS VARCHAR)           AS org_id,
    CAST(c.population AS VARCHAR)       AS population,
    c.employees <= 10 OR s.cell_id IS NOT NULL AS suppressed,
    CAST(CASE
             WHEN c.employees <= 10 THEN 'small_group'
             WHEN s.cell_id IS NOT NULL THEN 'complementary'
         END AS VARCHAR)                AS reason
FROM temp.hr_suppression_cells AS c
LEFT JOIN complementary AS s
    USING (cell_id)
ORDER BY period, time_window, measure, org_level, org_id, population;
