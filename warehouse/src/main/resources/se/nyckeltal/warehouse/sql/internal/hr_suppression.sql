-- internal.hr_suppression: one row per HR figure the catalogue may publish — period × time window × measure × org
-- level × org × population ('worked', 'staff_category.<…>', 'profession.<…>', 'sick_leave.<group_id>') — saying
-- whether it is suppressed. The one rule every HR KPI, HR wide view and fact.hr_time applies (SPEC §5, Swedish law):
--   1. small_group     a figure of 10 or fewer employees is suppressed (primary suppression);
--   2. complementary   a published sum must not give a suppressed figure back by subtraction (area − its other
--                      units, all − women = men, ytd − previous month's ytd = the month, TOTAL − areas …: the
--                      relations of temp.hr_suppression_relations). Whenever exactly one member of a relation is
--                      suppressed, one more member is too (sekundärröjning, as in published statistics): a part rather
--                      than the sum, the one that leaves fewest untouched sums with a suppressed member, protects most
--                      open sums, has the fewest employees; repeated in rounds until every relation has none or at
--                      least two suppressed members.
-- Months are decided in order (build-order.txt: month-by-month, this file runs once per month, ${period}): a month's
-- relations start from the earlier months' flags as they were decided (a relation's members of earlier months — the
-- previous month's ytd, the actual figure twelve and 24 months before — are never suppressed for it), and only that
-- month's figures are suppressed for them. So a month's flags depend on that month and the earlier ones alone: a
-- figure once published is never hidden by a later month's load, nor a hidden one shown (which would give it away
-- beside the earlier catalogue), and a nightly build decides the changed months only.
-- The rounds keep the complementary cells only (the small groups are suppressed from the start and never change): a
-- round counts each relation's suppressed members as those suppressed before the month's rounds, counted once, plus
-- its complementary ones so far, instead of joining every relation member with every suppressed cell each round.
--   reason   'small_group' | 'complementary' | NULL (published)
CREATE TABLE IF NOT EXISTS internal.hr_suppression (
    period INTEGER,
    time_window VARCHAR,
    measure VARCHAR,
    org_level VARCHAR,
    org_id VARCHAR,
    population VARCHAR,
    suppressed BOOLEAN,
    reason VARCHAR
);

INSERT INTO internal.hr_suppression
-- the figures of the months the month's relations reach back to (ytd a month, the actual figure 12 and 24 months)
-- that those months hid to protect their own relations
WITH RECURSIVE earlier_complementary AS (
    SELECT c.cell_id
    FROM internal.hr_suppression AS s
    JOIN temp.hr_suppression_cells AS c
        USING (period, time_window, measure, org_level, org_id, population)
    WHERE s.period IN (${period} - 1, ${period} - 100, ${period} - 200)
      AND c.period IN (${period} - 1, ${period} - 100, ${period} - 200)
      AND s.reason = 'complementary'
),

-- the month's relations, each member with whether it is suppressed before the month's rounds: a small group, or a
-- member of an earlier month hidden then
members AS MATERIALIZED (
    SELECT
        r.relation_id,
        r.cell_id,
        r.may_hide,
        r.is_sum,
        r.employees,
        r.employees <= 10 OR e.cell_id IS NOT NULL AS suppressed_before
    FROM temp.hr_suppression_relations AS r
    LEFT JOIN earlier_complementary AS e
        ON e.cell_id = r.cell_id
       AND NOT r.may_hide
    WHERE r.period = ${period}
),

-- each relation's members suppressed before the rounds: 0 or 1 small groups (temp.hr_suppression_relations leaves out
-- relations with two), and its members of earlier months hidden then
start_state AS MATERIALIZED (
    SELECT relation_id, count(*) FILTER (WHERE suppressed_before) AS suppressed_before
    FROM members
    GROUP BY relation_id
),

-- the cells suppressed to protect a relation, by round; the row of cell -1 (no cell) starts the rounds
complementary (cell_id, pass) USING KEY (cell_id) AS (
    SELECT CAST(-1 AS BIGINT), 0

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
            SELECT s.relation_id, s.suppressed_before + coalesce(a.added_members, 0) AS suppressed_members
            FROM start_state AS s
            LEFT JOIN added AS a
                USING (relation_id)
        ),

        candidates AS (
            SELECT r.relation_id, r.cell_id, r.is_sum, r.employees
            FROM members AS r
            JOIN relation_state AS o
                USING (relation_id)
            WHERE o.suppressed_members = 1
              AND r.may_hide
              AND NOT r.suppressed_before
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
                arg_min(k.cell_id, (k.is_sum, x.new_open_sums, -r.open_sums, k.employees, k.cell_id)) AS cell_id
            FROM candidates AS k
            JOIN reach AS r
                USING (cell_id)
            JOIN cost AS x
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
WHERE c.period = ${period}
ORDER BY period, time_window, measure, org_level, org_id, population;
