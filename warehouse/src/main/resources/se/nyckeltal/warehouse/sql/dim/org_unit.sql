-- dim.org_unit: one row per version of a unit in the org structure (SCD2, as org_units.csv gives it).
-- valid_to is inclusive; NULL means the version is still valid. ownership is PUBLIC or PRIVATE for a
-- care-choice unit (vårdval: regiondriven or privat vårdcentral), NULL for the rest; unit_type e.g. VC,
-- BVC, BMM, BUP when given.
CREATE TABLE dim.org_unit (
    unit_id    VARCHAR NOT NULL,
    unit_name  VARCHAR NOT NULL,
    area_id    VARCHAR NOT NULL,
    area_name  VARCHAR NOT NULL,
    valid_from DATE    NOT NULL,
    valid_to   DATE,
    ownership  VARCHAR,
    unit_type  VARCHAR
)
