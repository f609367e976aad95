-- dim.org_unit: one row per version of a unit in the org structure (SCD2, as org_units.csv gives it).
-- valid_to is inclusive; NULL means the version is still valid.
CREATE TABLE dim.org_unit (
    unit_id    VARCHAR NOT NULL,
    unit_name  VARCHAR NOT NULL,
    area_id    VARCHAR NOT NULL,
    area_name  VARCHAR NOT NULL,
    valid_from DATE    NOT NULL,
    valid_to   DATE
)
