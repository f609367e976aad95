-- kpi.provider_costs (SPEC §5): one row per period × time window × counterpart — what each provider
-- organisation costs and produces, the whole region together (the seed's "Kostnad per vårdgivare / Antal
-- kontakter per vårdgivare" for digital care). Counterparts are matched by id: the ledger's counterpart
-- (motpart) and production's. A counterpart known on one side only is listed with the other side NULL.
--   cost                 ACTUAL ledger amounts on COST lines (accounts.csv) booked on the counterpart, in W
--   contacts             ACTUAL production volume of DOCTOR_VISIT, DOCTOR_VISIT_REMOTE, OTHER_VISIT and
--                        OTHER_VISIT_REMOTE with the counterpart, in W
--   cost_per_contact     cost ÷ contacts (NULL without contacts)
--   previous_year_*      the same window twelve months earlier
-- Periods: those with ACTUAL ledger or production rows.
CREATE VIEW kpi.provider_costs AS
WITH costs AS (
    SELECT period, trim(counterpart) AS counterpart, SUM(amount) AS cost
    FROM fact.ledger_lines
    WHERE scenario = 'ACTUAL' AND kind = 'COST' AND NULLIF(trim(counterpart), '') IS NOT NULL
    GROUP BY ALL
),

contacts AS (
    SELECT period, trim(counterpart) AS counterpart, SUM(volume) AS contacts
    FROM fact.production
    WHERE scenario = 'ACTUAL' AND NULLIF(trim(counterpart), '') IS NOT NULL
      AND contact_type IN ('DOCTOR_VISIT', 'DOCTOR_VISIT_REMOTE', 'OTHER_VISIT', 'OTHER_VISIT_REMOTE')
    GROUP BY ALL
),

report_periods AS (
    SELECT DISTINCT period FROM fact.ledger WHERE scenario = 'ACTUAL'
    UNION
    SELECT DISTINCT period FROM fact.production WHERE scenario = 'ACTUAL'
),

windows AS (
    SELECT w.period, w.time_window, w.month_period
    FROM internal.window_months AS w
    JOIN report_periods AS p
        ON p.period = w.period
),

by_window AS (
    SELECT w.period, w.time_window, c.counterpart, 0 AS years_back, SUM(c.cost) AS cost,
           CAST(NULL AS DECIMAL(38,4)) AS contacts
    FROM windows AS w JOIN costs AS c ON c.period = w.month_period
    GROUP BY ALL
    UNION ALL
    SELECT w.period, w.time_window, c.counterpart, 0, NULL, SUM(c.contacts)
    FROM windows AS w JOIN contacts AS c ON c.period = w.month_period
    GROUP BY ALL
    UNION ALL
    SELECT w.period, w.time_window, c.counterpart, 1, SUM(c.cost), NULL
    FROM windows AS w JOIN costs AS c ON c.period = w.month_period - 100
    GROUP BY ALL
    UNION ALL
    SELECT w.period, w.time_window, c.counterpart, 1, NULL, SUM(c.contacts)
    FROM windows AS w JOIN contacts AS c ON c.period = w.month_period - 100
    GROUP BY ALL
),

side_by_side AS (
    SELECT
        period,
        time_window,
        counterpart,
        SUM(cost)     FILTER (WHERE years_back = 0) AS cost,
        SUM(contacts) FILTER (WHERE years_back = 0) AS contacts,
        SUM(cost)     FILTER (WHERE years_back = 1) AS previous_year_cost,
        SUM(contacts) FILTER (WHERE years_back = 1) AS previous_year_contacts
    FROM by_window
    GROUP BY period, time_window, counterpart
    HAVING bool_or(years_back = 0)
)

SELECT
    CAST(period AS INTEGER)                                                          AS period,
    CAST(time_window AS VARCHAR)                                                     AS time_window,
    CAST(counterpart AS VARCHAR)                                                     AS counterpart,
    CAST(cost AS DECIMAL(38,2))                                                      AS cost,
    CAST(contacts AS DECIMAL(38,4))                                                  AS contacts,
    CAST(CASE WHEN contacts <> 0 THEN CAST(cost AS DOUBLE) / CAST(contacts AS DOUBLE) END AS DECIMAL(38,6))
                                                                                     AS cost_per_contact,
    CAST(previous_year_cost AS DECIMAL(38,2))                                        AS previous_year_cost,
    CAST(previous_year_contacts AS DECIMAL(38,4))                                    AS previous_year_contacts,
    CAST(CASE WHEN previous_year_contacts <> 0
              THEN CAST(previous_year_cost AS DOUBLE) / CAST(previous_year_contacts AS DOUBLE) END AS DECIMAL(38,6))
                                                                                     AS previous_year_cost_per_contact
FROM side_by_side
