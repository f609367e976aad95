-- dim.capitation_rate: one row per year × ownership × component × key of capitation_rates.csv — the
-- listing compensation (listningsersättning) in kr per month: AGE_SEX per listed person of a gender and
-- age band (key 'K:0-4', 'M:100-'), ACG per ACG point (key ''), CNI per listed person with a Care Need
-- Index factor (key = the factor, e.g. 'UNEMPLOYED'), ACTIVE_LISTED per active listed person (key '').
CREATE TABLE dim.capitation_rate (
    year      INTEGER       NOT NULL,
    ownership VARCHAR       NOT NULL,
    component VARCHAR       NOT NULL,
    key       VARCHAR       NOT NULL,
    rate      DECIMAL(18,6) NOT NULL
)
