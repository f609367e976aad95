-- internal.hr_monthly: one row per period × cost_center × staff_category × profession
-- with HR rows: worked time and the parts of the FTE (årsarbetare) denominator, for KPIs built on worked
-- time (drg_per_fte). No sick hours here.
--   worked_hours            WORKED + OVERTIME hours, excluding ON_CALL (the worked_hours KPI)
--   on_call_hours           jour och beredskap, reported beside it
--   fte_norm_hours          the annual norm of the period's year (dim.fte_norm)
--   fte_norm_hours_month    fte_norm_hours ÷ 12
-- FTE over a window W = Σ worked_hours ÷ (fte_norm_hours of W's last month × months in W ÷ 12); every
-- window of internal.window_months lies within one year, so that is Σ worked_hours ÷ (fte_norm_hours ×
-- months ÷ 12) with the norm of the rows' year. Sum over the rows, then divide.
CREATE VIEW internal.hr_monthly AS
SELECT
    h.period,
    h.cost_center,
    h.staff_category,
    h.profession,
    h.worked_hours + h.overtime_hours                      AS worked_hours,
    h.on_call_hours,
    h.worked_hours + h.overtime_hours + h.on_call_hours    AS worked_hours_incl_on_call,
    n.fte_norm_hours,
    CAST(n.fte_norm_hours / 12 AS DECIMAL(18,6))           AS fte_norm_hours_month
FROM internal.hr_worked AS h
JOIN dim.fte_norm AS n
    ON n.year = h.period // 100
