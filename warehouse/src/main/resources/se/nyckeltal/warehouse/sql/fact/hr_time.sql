-- fact.hr_time: one row per period × cost_center × staff_category × profession × gender × age_band
-- (FactSchema.HR_TIME): HR hours summed over employees, never an employee. age_band from the period's
-- year − birth year: '0_29', '30_49', '50_plus'. Hours by hour type; sick hours also by the day number
-- in the sick spell (1–14, 15–90, 91–365, 366+, and the part from day 60 on).
-- employees_with_scheduled_hours is a distinct count of the row's group: it does not add up across rows.
-- The sick columns are NULL (sick_suppressed) when it is 10 or fewer: sick leave of small groups is not
-- shown (SPEC §5). Use kpi.kpi_values or kpi.sick_leave for sick leave of units, areas and the total.
CREATE VIEW fact.hr_time AS
SELECT
    CAST(period                         AS INTEGER)       AS period,
    CAST(scenario                       AS VARCHAR)       AS scenario,
    CAST(cost_center                    AS VARCHAR)       AS cost_center,
    CAST(staff_category                 AS VARCHAR)       AS staff_category,
    CAST(profession                     AS VARCHAR)       AS profession,
    CAST(gender                         AS VARCHAR)       AS gender,
    CAST(age_band                       AS VARCHAR)       AS age_band,
    CAST(worked_hours                   AS DECIMAL(18,4)) AS worked_hours,
    CAST(overtime_hours                 AS DECIMAL(18,4)) AS overtime_hours,
    CAST(on_call_hours                  AS DECIMAL(18,4)) AS on_call_hours,
    CAST(scheduled_hours                AS DECIMAL(18,4)) AS scheduled_hours,
    CAST(vacation_hours                 AS DECIMAL(18,4)) AS vacation_hours,
    CAST(other_absence_hours            AS DECIMAL(18,4)) AS other_absence_hours,
    CAST(sick_hours                     AS DECIMAL(18,4)) AS sick_hours,
    CAST(sick_hours_days_1_14           AS DECIMAL(18,4)) AS sick_hours_days_1_14,
    CAST(sick_hours_days_15_90          AS DECIMAL(18,4)) AS sick_hours_days_15_90,
    CAST(sick_hours_days_91_365         AS DECIMAL(18,4)) AS sick_hours_days_91_365,
    CAST(sick_hours_days_366_plus       AS DECIMAL(18,4)) AS sick_hours_days_366_plus,
    CAST(sick_hours_day_60_plus         AS DECIMAL(18,4)) AS sick_hours_day_60_plus,
    CAST(employees_with_scheduled_hours AS INTEGER)       AS employees_with_scheduled_hours,
    CAST(sick_suppressed                AS BOOLEAN)       AS sick_suppressed,
    CAST(source_file                    AS VARCHAR)       AS source_file,
    CAST(load_id                        AS VARCHAR)       AS load_id
FROM ${hr_time_parquet}
