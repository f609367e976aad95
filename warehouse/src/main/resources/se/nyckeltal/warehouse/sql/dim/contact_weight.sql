-- dim.contact_weight: one row per row of contact_types.csv: the weight a contact type has in viktade
-- vårdtjänster. year NULL = every year without a row of its own; weight NULL = not weighted (that year).
-- fact.production.weighted_volume = volume × the weight that applies in the period's year (0 without one).
CREATE TABLE dim.contact_weight (
    contact_type VARCHAR NOT NULL,
    year         INTEGER,
    weight       DECIMAL(18,6)
)
