-- kpi_id:         cost_per_worked_hour
-- name_sv:        Kostnad per arbetad timme
-- unit:           kr
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- description:    Personalkostnader (huvudboken, inhyrd personal ingår) ÷ arbetad tid, båda över alla
--                 kostnadsställen i organisationen (ingen enhet utelämnad).
-- definition:     personnel_cost (ledger ACTUAL, agency included) ÷ worked_hours, both summed over every cost
--                 centre of the org, none left out
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year'), for periods with
-- both HR rows and ACTUAL ledger rows. At unit level that is the unit's booked personnel cost over the hours
-- worked on the unit's cost centre: costs booked centrally (pensions, the resource pool's salaries) land where
-- they are booked, so only area and total compare like the månadsrapport's figure. NULL where either side has
-- no rows; suppressed where the worked hours are (internal.hr_suppression): cost ÷ hours would give them away.
WITH hr_periods AS (
    SELECT DISTINCT period
    FROM internal.hr_window_hours
),

ledger_periods AS (
    SELECT DISTINCT period
    FROM internal.ledger_monthly
    WHERE scenario = 'ACTUAL'
),

worked AS (
    SELECT w.period, w.time_window, w.measure, w.org_level, w.org_id, w.org_name, w.worked_hours, w.suppressed
    FROM internal.hr_window_hours AS w
    JOIN ledger_periods AS l
        ON l.period = w.period
    WHERE w.population = 'worked'
),

personnel AS (
    SELECT
        w.period,
        w.time_window,
        w.measure,
        r.org_level,
        r.org_id,
        any_value(r.org_name)    AS org_name,
        SUM(m.personnel_cost)    AS personnel_cost
    FROM internal.comparison_window AS w
    JOIN hr_periods AS p
        ON p.period = w.period
    JOIN ledger_periods AS l
        ON l.period = w.period
    JOIN internal.ledger_monthly AS m
        ON m.period = w.month_period
       AND m.scenario = w.scenario
    JOIN internal.org_rollup AS r
        ON r.period = w.period
       AND r.cost_center = m.cost_center
    WHERE w.lag_months = 0
      AND w.role = 'current'
      AND w.measure IN ('actual', 'previous_year')
    GROUP BY w.period, w.time_window, w.measure, r.org_level, r.org_id
)

SELECT
    COALESCE(c.period, h.period)              AS period,
    COALESCE(c.time_window, h.time_window)    AS time_window,
    COALESCE(c.org_level, h.org_level)        AS org_level,
    COALESCE(c.org_id, h.org_id)              AS org_id,
    COALESCE(c.org_name, h.org_name)          AS org_name,
    COALESCE(c.measure, h.measure)            AS measure,
    c.personnel_cost                          AS numerator,
    h.worked_hours                            AS denominator,
    1                                         AS ratio_scale,
    COALESCE(h.suppressed, false)             AS suppressed
FROM personnel AS c
FULL OUTER JOIN worked AS h
    ON h.period = c.period
   AND h.time_window = c.time_window
   AND h.measure = c.measure
   AND h.org_level = c.org_level
   AND h.org_id = c.org_id
