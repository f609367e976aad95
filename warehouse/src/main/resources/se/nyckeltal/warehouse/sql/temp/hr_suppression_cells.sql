-- temp.hr_suppression_cells (build only): one row per HR figure the catalogue may publish — period × time window
-- × measure × org level × org × population — with the number of employees it describes: the worked-time groups
-- (temp.hr_worked_groups) and the sick-leave groups (temp.hr_sick_groups, population 'sick_leave.<group_id>').
-- cell_id numbers them in key order, the tie-break of internal.hr_suppression. Period is the first key, so the cells
-- of the periods before ${recompute_from} keep their numbers (the build copies them from the previous build, whose
-- groups of those periods are these) and the others are numbered after them.
CREATE TEMP TABLE hr_suppression_cells AS
WITH cells AS (
    SELECT period, time_window, measure, org_level, org_id, population, employees
    FROM temp.hr_worked_groups
    WHERE period >= ${recompute_from}

    UNION ALL

    SELECT period, time_window, measure, org_level, org_id, 'sick_leave.' || group_id, employees
    FROM temp.hr_sick_groups
    WHERE period >= ${recompute_from}
),

earlier AS (
    SELECT (SELECT count(*) FROM temp.hr_worked_groups WHERE period < ${recompute_from})
         + (SELECT count(*) FROM temp.hr_sick_groups WHERE period < ${recompute_from}) AS cells
)

SELECT
    CAST((SELECT cells FROM earlier)
         + row_number() OVER (ORDER BY period, time_window, measure, org_level, org_id, population) AS INTEGER)
        AS cell_id,
    *
FROM cells
