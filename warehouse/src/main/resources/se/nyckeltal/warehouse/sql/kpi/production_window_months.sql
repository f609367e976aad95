-- kpi.production_window_months: one row per period × time window × lag × month in the window.
--   lag_months 0   the window itself (kpi.window_months);
--   lag_months 1   the same window type one month earlier — DRG points arrive a month late, so the DRG
--                  figure shown at P is the window at P − 1: month → P − 1, ytd at March → January–February,
--                  ytd at January → the whole previous year.
-- Comparison windows shift these months: twelve months earlier is month_period − 100.
CREATE VIEW kpi.production_window_months AS
SELECT period, time_window, 0 AS lag_months, month_period
FROM kpi.window_months

UNION ALL

SELECT p.period, w.time_window, 1, w.month_period
FROM dim.period AS p
JOIN kpi.window_months AS w
    ON w.period = CASE WHEN p.month = 1 THEN (p.year - 1) * 100 + 12 ELSE p.period - 1 END
