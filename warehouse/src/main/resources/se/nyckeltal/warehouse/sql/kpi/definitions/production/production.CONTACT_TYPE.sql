-- kpi_id:         production.<CONTACT_TYPE>
-- good_direction: up
-- has_budget:     true
-- window:         sum
-- definition:     Σ volume of that contact type, every provider, e.g. `production.DOCTOR_VISIT`;
--                 `production.UNMAPPED` holds codes missing from `contact_types.csv`
--
-- A family: one KPI per contact type. The first statement gives each member its name, unit and description
-- (dim.kpi): the codes below as written here, every other code of contact_types.csv named as there. The second
-- computes them: one row per period × time window × org level × org × measure × contact type, from
-- internal.production_window.
WITH described (member, name_sv, unit, description) AS (
    VALUES
        ('DOCTOR_VISIT', 'Läkarbesök', 'st',
         'Σ volym av kontakttypen DOCTOR_VISIT, alla vårdgivartyper.'),
        ('DOCTOR_VISIT_REMOTE', 'Läkarbesök - Distans', 'st',
         'Σ volym av kontakttypen DOCTOR_VISIT_REMOTE, alla vårdgivartyper.'),
        ('OTHER_VISIT', 'Besök, övriga yrkesgrupper', 'st',
         'Σ volym av kontakttypen OTHER_VISIT, alla vårdgivartyper.'),
        ('OTHER_VISIT_REMOTE', 'Besök, övriga yrkesgrupper - Distans', 'st',
         'Σ volym av kontakttypen OTHER_VISIT_REMOTE, alla vårdgivartyper.'),
        ('DAY_CARE', 'Dagmedicin och övrig dagsjukvård', 'st',
         'Σ volym av kontakttypen DAY_CARE, alla vårdgivartyper.'),
        ('VACCINATION', 'Vaccinationer', 'st',
         'Σ volym av kontakttypen VACCINATION, alla vårdgivartyper.'),
        ('DISCHARGE_SOMATIC', 'Vårdtillfällen - somatik (utskrivna)', 'st',
         'Σ volym av kontakttypen DISCHARGE_SOMATIC, alla vårdgivartyper.'),
        ('BED_DAYS_SOMATIC', 'Vårddagar - somatik exkl perm (utskrivna)', 'dagar',
         'Σ volym av kontakttypen BED_DAYS_SOMATIC, alla vårdgivartyper.'),
        ('BED_DAYS_PSYCHIATRIC', 'Vårddagar - psykiatri exkl perm (belagda)', 'dagar',
         'Σ volym av kontakttypen BED_DAYS_PSYCHIATRIC, alla vårdgivartyper.'),
        ('OCCUPIED_BEDS_0600', 'Belagda vårdplatser kl 06:00', 'platsdygn',
         'Σ belagda vårdplatser kl 06:00 över dagarna i fönstret (täljaren i beläggningen).'),
        ('AVAILABLE_BEDS', 'Disponibla vårdplatser', 'platsdygn',
         'Σ disponibla vårdplatser över dagarna i fönstret (nämnaren i beläggningen).'),
        ('OPERATION_INPATIENT', 'Varav slutenvårdsoperationer', 'st',
         'Σ volym av kontakttypen OPERATION_INPATIENT, alla vårdgivartyper.'),
        ('OPERATION_DAY_SURGERY', 'Varav dagkirurgi', 'st',
         'Σ volym av kontakttypen OPERATION_DAY_SURGERY, alla vårdgivartyper.'),
        ('OPERATION_CLINIC', 'Varav klinikegna operationer', 'st',
         'Σ volym av kontakttypen OPERATION_CLINIC, alla vårdgivartyper.'),
        ('KNIFE_TIME_HOURS', 'Knivtid', 'h',
         'Σ knivtid i timmar, alla vårdgivartyper.'),
        ('DRG_POINTS', 'DRG-poäng (utan släp)', 'poäng',
         'Σ DRG-poäng i samma fönster, utan släp (drg_points är den publicerade, släpade siffran).'),
        ('UNMAPPED', 'Okänd kontakttyp', 'st',
         'Σ volym av kontakttyper som saknas i contact_types.csv (se meta.data_quality).')
)

SELECT member, name_sv, unit, description
FROM described

UNION ALL

SELECT c.contact_type, c.name, 'st',
       'Σ volym av kontakttypen ' || c.contact_type || ', alla vårdgivartyper (contact_types.csv).'
FROM dim.contact_type AS c
WHERE c.contact_type NOT IN (SELECT member FROM described);

SELECT contact_type AS member, period, time_window, org_level, org_id, org_name, measure,
       volume AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.production_window
WHERE lag_months = 0
