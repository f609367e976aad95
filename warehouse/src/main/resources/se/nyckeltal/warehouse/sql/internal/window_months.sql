-- internal.window_months: one row per period × time window × month in the window.
--   'month' the period itself;
--   'ytd'   (ackumulerat) January to the period, same year.
-- internal.comparison_window shifts these months for the comparisons (twelve months earlier: month_period − 100).
CREATE VIEW internal.window_months AS
SELECT period, 'month' AS time_window, period AS month_period
FROM dim.period

UNION ALL

SELECT p.period, 'ytd', m.period
FROM dim.period AS p
JOIN dim.period AS m
    ON m.year = p.year AND m.month <= p.month
