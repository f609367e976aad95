-- kpi.capitation (vårdval, for Power BI and the report): one row per period × time window × org level × org
-- with listings — the listing KPIs of kpi.kpi_values side by side. org_level 'unit' is the table per
-- vårdcentral (with its ownership and unit_type in P's structure), 'ownership' the public/private comparison
-- (org_id PUBLIC | PRIVATE: the seed's "Offentliga VC / Privata VC"), 'area' and 'total' as everywhere.
--   listed                                  mean listed persons per month in W
--   capitation_age_sex, capitation_acg,
--   capitation_cni, capitation_active_listed the components, kr over W
--   capitation                              all components, kr over W
--   capitation_per_listed                   kr per listed person and month
--   acg_casemix                             ACG points per listed person
--   previous_year_*                         the same window twelve months earlier, structure of P
--   capitation_per_listed_deviation_pct     (per listed − previous year) ÷ |previous year| × 100
-- Capitation columns are NULL where the org has no priced unit-month (meta.data_quality says why).
CREATE VIEW kpi.capitation AS
WITH pivoted AS (
    SELECT
        period,
        time_window,
        org_level,
        org_id,
        any_value(org_name)                                                                  AS org_name,
        any_value(value) FILTER (WHERE kpi_id = 'listed')                                    AS listed,
        any_value(value) FILTER (WHERE kpi_id = 'capitation.AGE_SEX')                        AS capitation_age_sex,
        any_value(value) FILTER (WHERE kpi_id = 'capitation.ACG')                            AS capitation_acg,
        any_value(value) FILTER (WHERE kpi_id = 'capitation.CNI')                            AS capitation_cni,
        any_value(value) FILTER (WHERE kpi_id = 'capitation.ACTIVE_LISTED')                  AS capitation_active_listed,
        any_value(value) FILTER (WHERE kpi_id = 'capitation')                                AS capitation,
        any_value(value) FILTER (WHERE kpi_id = 'capitation_per_listed')                     AS capitation_per_listed,
        any_value(value) FILTER (WHERE kpi_id = 'acg_casemix')                               AS acg_casemix,
        any_value(previous_year_value) FILTER (WHERE kpi_id = 'listed')                      AS previous_year_listed,
        any_value(previous_year_value) FILTER (WHERE kpi_id = 'capitation')                  AS previous_year_capitation,
        any_value(previous_year_value) FILTER (WHERE kpi_id = 'capitation_per_listed')       AS previous_year_capitation_per_listed,
        any_value(previous_year_value) FILTER (WHERE kpi_id = 'acg_casemix')                 AS previous_year_acg_casemix,
        any_value(deviation_previous_year_pct) FILTER (WHERE kpi_id = 'capitation_per_listed')
                                                                                             AS capitation_per_listed_deviation_pct
    FROM kpi.kpi_values
    WHERE kpi_id IN ('listed', 'capitation', 'capitation.AGE_SEX', 'capitation.ACG', 'capitation.CNI',
                     'capitation.ACTIVE_LISTED', 'capitation_per_listed', 'acg_casemix')
    GROUP BY period, time_window, org_level, org_id
),

unit_attributes AS (
    SELECT DISTINCT period, unit_id, ownership, unit_type
    FROM internal.org_map
)

SELECT
    p.period,
    p.time_window,
    p.org_level,
    p.org_id,
    p.org_name,
    u.ownership,
    u.unit_type,
    p.listed,
    p.capitation_age_sex,
    p.capitation_acg,
    p.capitation_cni,
    p.capitation_active_listed,
    p.capitation,
    p.capitation_per_listed,
    p.acg_casemix,
    p.previous_year_listed,
    p.previous_year_capitation,
    p.previous_year_capitation_per_listed,
    p.previous_year_acg_casemix,
    p.capitation_per_listed_deviation_pct
FROM pivoted AS p
LEFT JOIN unit_attributes AS u
    ON p.org_level = 'unit'
   AND u.period = p.period
   AND u.unit_id = p.org_id
