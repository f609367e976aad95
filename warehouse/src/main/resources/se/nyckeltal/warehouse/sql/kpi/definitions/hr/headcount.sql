-- kpi_id:         headcount
-- name_sv:        Antal anställda inklusive inhyrd personal
-- unit:           st
-- good_direction: down
-- has_budget:     false
-- window:         distinct_in_window
-- description:    Antal unika anställda med arbetad tid eller övertid i perioden, alla personalkategorier (egen,
--                 resursenhet, inhyrd). Räknas från personnivå och publiceras bara som antal; en person som arbetat
--                 på två enheter räknas en gång per enhet och en gång i området och totalt.
-- definition:     distinct employees with WORKED or OVERTIME hours in W, every staff category; a person who worked
--                 at two units counts once at each and once in their area and the total
--
-- One row per period × time window × org level × org × measure ('actual', 'previous_year') with HR rows, from
-- internal.hr_headcount (counted from the restricted employee months while the catalogue is built; counts only).
SELECT period, time_window, org_level, org_id, org_name, measure,
       employees AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.hr_headcount
