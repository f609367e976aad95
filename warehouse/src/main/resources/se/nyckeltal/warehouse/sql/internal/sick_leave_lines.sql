-- internal.sick_leave_lines: one row per period × time window × measure × org level × org × line of the
-- månadsrapport's Sjukfrånvaro table, for every period with HR rows: the line's numerator and denominator
-- (hours, from internal.hr_sick_leave; NULL and suppressed where internal.hr_suppression says). The one
-- definition of the sick-leave lines: kpi.sick_leave shows them side by side, and each sick_leave_* KPI
-- (kpi/definitions/hr/) is the line whose line_id is its kpi_id.
--    1 sick_leave_pct                 Total sjukfrånvaro                  sick ÷ scheduled, all own staff
--    2 sick_leave_pct_days_1_14       Varav sjukdag 1–14                  sick on days 1–14 of the spell ÷ scheduled
--    3 sick_leave_pct_days_15_90      Varav sjukdag 15–90                 …
--    4 sick_leave_pct_days_91_365     Varav sjukdag 91–365
--    5 sick_leave_pct_days_366_plus   Varav sjukdag 366–
--    6 sick_leave_long_share_pct      Andel långtidssjukfrånvaro (60 dagar eller mer): sick from day 60 ÷ all sick
--    7 sick_leave_pct_women           Kvinnor                             sick ÷ scheduled within the group
--    8 sick_leave_pct_men             Män
--    9 sick_leave_pct_age_0_29        Anställda −29 år
--   10 sick_leave_pct_age_30_49       Anställda 30–49 år
--   11 sick_leave_pct_age_50_plus     Anställda 50 år –
-- Every value is numerator ÷ denominator × 100.
CREATE VIEW internal.sick_leave_lines AS
WITH lines (line_order, line_id, line_name, group_id, part) AS (
    VALUES
        (1,  'sick_leave_pct',               'Total sjukfrånvaro',                               'all',         'total'),
        (2,  'sick_leave_pct_days_1_14',     'Varav sjukdag 1–14',                               'all',         'days_1_14'),
        (3,  'sick_leave_pct_days_15_90',    'Varav sjukdag 15–90',                              'all',         'days_15_90'),
        (4,  'sick_leave_pct_days_91_365',   'Varav sjukdag 91–365',                             'all',         'days_91_365'),
        (5,  'sick_leave_pct_days_366_plus', 'Varav sjukdag 366–',                               'all',         'days_366_plus'),
        (6,  'sick_leave_long_share_pct',    'Andel långtidssjukfrånvaro (60 dagar eller mer)',  'all',         'long_share'),
        (7,  'sick_leave_pct_women',         'Kvinnor',                                          'women',       'total'),
        (8,  'sick_leave_pct_men',           'Män',                                              'men',         'total'),
        (9,  'sick_leave_pct_age_0_29',      'Anställda −29 år',                                 'age_0_29',    'total'),
        (10, 'sick_leave_pct_age_30_49',     'Anställda 30–49 år',                               'age_30_49',   'total'),
        (11, 'sick_leave_pct_age_50_plus',   'Anställda 50 år –',                                'age_50_plus', 'total')
)

SELECT
    s.period, s.time_window, s.measure, s.org_level, s.org_id, s.org_name,
    l.line_order, l.line_id, l.line_name, s.suppressed,
    CASE l.part
        WHEN 'total'         THEN s.sick_hours
        WHEN 'days_1_14'     THEN s.sick_hours_days_1_14
        WHEN 'days_15_90'    THEN s.sick_hours_days_15_90
        WHEN 'days_91_365'   THEN s.sick_hours_days_91_365
        WHEN 'days_366_plus' THEN s.sick_hours_days_366_plus
        WHEN 'long_share'    THEN s.sick_hours_day_60_plus
    END AS numerator,
    CASE l.part WHEN 'long_share' THEN s.sick_hours ELSE s.scheduled_hours END AS denominator
FROM internal.hr_sick_leave AS s
JOIN lines AS l
    ON l.group_id = s.group_id
