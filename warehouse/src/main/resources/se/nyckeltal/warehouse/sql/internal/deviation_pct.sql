-- internal.deviation_pct(value, comparison): (value − comparison) ÷ |comparison| × 100 as a DOUBLE; NULL when the
-- comparison is NULL or 0. The one rule behind every deviation column: kpi.kpi_values' deviation_budget_pct
-- and deviation_previous_year_pct, kpi.production_report's deviation columns, kpi.worked_time's change_pct.
-- Each caller casts the result to its column's type.
CREATE MACRO internal.deviation_pct(value, comparison) AS
    CASE WHEN comparison <> 0 THEN CAST(value - comparison AS DOUBLE) * 100 / abs(CAST(comparison AS DOUBLE)) END
