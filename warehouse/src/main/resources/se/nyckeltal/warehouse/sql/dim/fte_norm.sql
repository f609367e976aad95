-- dim.fte_norm: one row per year, from two years before the first year with facts to the last: the
-- annual norm hours behind årsarbetare (FTE) — parameters.csv, or ${default_fte_norm_hours} h when the
-- year has no row there. FTE over a window W = worked hours ÷ (norm of the year of W's last month ×
-- months in W ÷ 12).
CREATE TABLE dim.fte_norm AS
WITH years AS (
    SELECT CAST(y.year AS INTEGER) AS year
    FROM (SELECT min(year) AS first_year, max(year) AS last_year FROM dim.period) AS r
    CROSS JOIN range(r.first_year - 2, r.last_year + 1) AS y (year)
    WHERE r.first_year IS NOT NULL
)

SELECT
    y.year,
    CAST(COALESCE(p.fte_norm_hours, ${default_fte_norm_hours}) AS DECIMAL(18,4)) AS fte_norm_hours,
    p.fte_norm_hours IS NULL                                                 AS is_default
FROM years AS y
LEFT JOIN dim.parameters AS p
    ON p.year = y.year
ORDER BY y.year
