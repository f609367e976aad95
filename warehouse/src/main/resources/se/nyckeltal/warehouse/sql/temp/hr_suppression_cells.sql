-- temp.hr_suppression_cells (build only): one row per HR figure the catalogue may publish — period × time window
-- × measure × org level × org × population — with the number of employees it describes: the worked-time groups
-- (temp.hr_worked_groups) and the sick-leave groups (temp.hr_sick_groups, population 'sick_leave.<group_id>').
-- cell_id numbers them in key order, the tie-break of internal.hr_suppression: period × 10 000 000 + the cell's number
-- within its period, so a period's numbers depend on that period alone (the build copies the cells of the periods
-- before ${recompute_from} from the previous build, whose groups of those periods are these).
CREATE TEMP TABLE hr_suppression_cells AS
WITH cells AS (
    SELECT period, time_window, measure, org_level, org_id, population, employees
    FROM temp.hr_worked_groups
    WHERE period >= ${recompute_from}

    UNION ALL

    SELECT period, time_window, measure, org_level, org_id, 'sick_leave.' || group_id, employees
    FROM temp.hr_sick_groups
    WHERE period >= ${recompute_from}
)

SELECT
    CAST(period AS BIGINT) * 10000000
        + row_number() OVER (PARTITION BY period ORDER BY time_window, measure, org_level, org_id, population)
        AS cell_id,
    *
FROM cells
