-- temp.hr_suppression_relations (build only): one row per relation × member cell of temp.hr_suppression_members, the
-- relation numbered: relation_id keeps the order of the relation keys, which is all internal.hr_suppression reads of
-- it (its tie-break between relations).
--   may_hide  whether internal.hr_suppression may suppress the member to protect this relation
--   is_sum    the member the others add up to
CREATE TEMP TABLE hr_suppression_relations AS
SELECT
    CAST(dense_rank() OVER (ORDER BY relation) AS INTEGER) AS relation_id,
    cell_id,
    may_hide,
    is_sum
FROM temp.hr_suppression_members
