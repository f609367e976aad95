-- internal.comparison_window: one row per period × time window × lag × measure × role × month: the months whose
-- facts feed a measure of the window W at period P. The one place where a window and its comparisons are spelled.
--   lag_months 0   W itself (internal.window_months)
--   lag_months 1   the same window type one month earlier (DRG points arrive a month late): month → P − 1,
--                  ytd at March → January–February, ytd at January → the whole previous year
--   measure        'actual' (scenario ACTUAL, W), 'budget' (BUDGET, W), 'previous_year' (ACTUAL, W twelve
--                  months earlier), 'two_years_earlier' (ACTUAL, W 24 months earlier)
--   role           'current': the measure's own window; 'base': the window a year before it, the base year a
--                  development (cost development) compares with
--   years_back     how many years month_period lies before W's month
-- Readers pick the lags, measures and roles they need; a source without scenarios (HR) ignores scenario.
CREATE VIEW internal.comparison_window AS
WITH measures (measure, scenario, role, years_back) AS (
    VALUES
        ('actual',            'ACTUAL', 'current', 0),
        ('actual',            'ACTUAL', 'base',    1),
        ('budget',            'BUDGET', 'current', 0),
        ('previous_year',     'ACTUAL', 'current', 1),
        ('previous_year',     'ACTUAL', 'base',    2),
        ('two_years_earlier', 'ACTUAL', 'current', 2)
),

windows (period, time_window, lag_months, month_period) AS (
    SELECT period, time_window, 0, month_period
    FROM internal.window_months

    UNION ALL

    SELECT p.period, w.time_window, 1, w.month_period
    FROM dim.period AS p
    JOIN internal.window_months AS w
        ON w.period = CASE WHEN p.month = 1 THEN (p.year - 1) * 100 + 12 ELSE p.period - 1 END
)

SELECT
    w.period,
    w.time_window,
    w.lag_months,
    m.measure,
    m.scenario,
    m.role,
    m.years_back,
    w.month_period - 100 * m.years_back AS month_period
FROM windows AS w
CROSS JOIN measures AS m
