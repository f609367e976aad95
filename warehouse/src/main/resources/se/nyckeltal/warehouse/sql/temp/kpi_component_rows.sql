-- temp.kpi_component_rows (build only): the rows of internal.kpi_components for the periods kpi.kpi_values computes
-- (every period in a full build), stored before kpi_values groups, joins and sorts them. In one statement DuckDB
-- evaluated the forty definitions' joins and sums while grouping their rows and while sorting the result, and the
-- full build at scale L (11 M component rows) ran out of its 3 GB; a stored table is spilled when memory runs short.
-- Partial (build-order.txt): dropped once kpi.kpi_values is built.
CREATE TEMP TABLE kpi_component_rows AS
SELECT *
FROM internal.kpi_components
WHERE period >= ${recompute_from}
