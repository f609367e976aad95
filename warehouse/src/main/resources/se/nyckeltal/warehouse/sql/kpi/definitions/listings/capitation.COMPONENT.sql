-- kpi_id:         capitation.<COMPONENT>
-- good_direction: down
-- has_budget:     false
-- window:         sum
-- definition:     `capitation` of one component (`capitation.AGE_SEX`, `.ACG`, `.CNI`, `.ACTIVE_LISTED`); Σ over
--                 the components is `capitation`
--
-- A family: one KPI per capitation component of capitation_rates.csv (CapitationComponent). The first statement
-- names them (dim.kpi); the second computes them: one row per period × time window × org level × org × measure
-- ('actual', 'previous_year') × component with a priced unit-month, from internal.listing_window.
SELECT *
FROM (
    VALUES
        ('AGE_SEX', 'Ersättning listade viktat efter ålder och kön', 'kr',
         'Σ ersättning per listad i kön och åldersgrupp × listade.'),
        ('ACG', 'Ersättning listade viktat med ACG', 'kr',
         'Σ ersättning per ACG-poäng × ACG-poäng.'),
        ('CNI', 'Ersättning för listades CNI-poäng', 'kr',
         'Σ ersättning per CNI-faktor × listade med faktorn.'),
        ('ACTIVE_LISTED', 'Ersättning för aktiva listade', 'kr',
         'Σ ersättning per aktiv listad × aktiva listade.')
) AS members (member, name_sv, unit, description);

SELECT c.member, w.period, w.time_window, w.org_level, w.org_id, w.org_name, w.measure,
       c.amount AS numerator, NULL AS denominator, NULL AS ratio_scale, false AS suppressed
FROM internal.listing_window AS w
CROSS JOIN LATERAL (
    VALUES
        ('AGE_SEX',       w.capitation_age_sex),
        ('ACG',           w.capitation_acg),
        ('CNI',           w.capitation_cni),
        ('ACTIVE_LISTED', w.capitation_active_listed)
) AS c (member, amount)
WHERE w.priced
