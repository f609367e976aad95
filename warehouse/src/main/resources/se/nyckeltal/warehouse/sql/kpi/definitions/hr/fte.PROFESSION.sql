-- kpi_id:         fte.<PROFESSION>
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- definition:     `fte` of one profession (`fte.DOCTOR`, `fte.NURSE` …): its worked_hours ÷ the norm hours of W;
--                 Σ over the professions is `fte`
--
-- A family: one KPI per profession of the HR contract (Profession: DOCTOR, NURSE, ASSISTANT_NURSE, MANAGEMENT,
-- ADMINISTRATION, OTHER). The first statement names them (dim.kpi); the second computes them: one row per period
-- × time window × org level × org × measure ('actual', 'previous_year') × profession with HR rows, from
-- internal.hr_staff_window over the norm hours of internal.hr_window_hours.
SELECT *
FROM (
    VALUES
        ('DOCTOR', 'Årsarbetare läkare', 'st',
         'Arbetad tid (arbetad + övertid, exkl jour/beredskap) för yrkesgruppen läkare ÷ normårsarbetstid för perioden. Summan över yrkesgrupperna är fte.'),
        ('NURSE', 'Årsarbetare sjuksköterskor', 'st',
         'Arbetad tid för yrkesgruppen sjuksköterskor ÷ normårsarbetstid för perioden.'),
        ('ASSISTANT_NURSE', 'Årsarbetare undersköterskor', 'st',
         'Arbetad tid för yrkesgruppen undersköterskor ÷ normårsarbetstid för perioden.'),
        ('MANAGEMENT', 'Årsarbetare ledningspersonal', 'st',
         'Arbetad tid för ledningspersonal ÷ normårsarbetstid för perioden.'),
        ('ADMINISTRATION', 'Årsarbetare administration', 'st',
         'Arbetad tid för administrativ personal ÷ normårsarbetstid för perioden.'),
        ('OTHER', 'Årsarbetare övriga yrkesgrupper', 'st',
         'Arbetad tid för övriga yrkesgrupper ÷ normårsarbetstid för perioden.')
) AS members (member, name_sv, unit, description);

SELECT s.profession AS member, s.period, s.time_window, s.org_level, s.org_id, any_value(s.org_name) AS org_name,
       s.measure, SUM(s.worked_hours) AS numerator, any_value(n.norm_hours) AS denominator, 1 AS ratio_scale,
       false AS suppressed
FROM internal.hr_staff_window AS s
JOIN internal.hr_window_hours AS n
    USING (period, time_window, measure, org_level, org_id)
GROUP BY s.profession, s.period, s.time_window, s.org_level, s.org_id, s.measure
