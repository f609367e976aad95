-- temp.hr_suppression_cells (build only): one row per HR figure the catalogue may publish — period × time window
-- × measure × org level × org × population — with the number of employees it describes: the worked-time groups
-- (temp.hr_worked_groups) and the sick-leave groups (temp.hr_sick_groups, population 'sick_leave.<group_id>').
-- cell_id numbers them in key order, the tie-break of internal.hr_suppression.
CREATE TEMP TABLE hr_suppression_cells AS
WITH cells AS (
    SELECT period, time_window, measure, org_level, org_id, population, employees
    FROM temp.hr_worked_groups

    UNION ALL

    SELECT period, time_window, measure, org_level, org_id, 'sick_leave.' || group_id, employees
    FROM temp.hr_sick_groups
)

SELECT
    CAST(row_number() OVER (ORDER BY period, time_window, measure, org_level, org_id, population) AS INTEGER)
        AS cell_id,
    *
FROM cells
