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
-- internal.hr_window_hours (population 'profession.<PROFESSION>'), suppressed as internal.hr_suppression says:
-- a profession of 10 or fewer employees at an org, or one whose hours would give such a group's away.
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

SELECT substring(population, length('profession.') + 1) AS member, period, time_window, org_level, org_id, org_name,
       measure, worked_hours AS numerator, norm_hours AS denominator, 1 AS ratio_scale, suppressed
FROM internal.hr_window_hours
WHERE starts_with(population, 'profession.')
