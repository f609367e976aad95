-- dim.contact_type: one row per production contact type (kontakttyp) of contact_types.csv.
-- weight NULL = not part of weighted care services.
CREATE TABLE dim.contact_type (
    contact_type VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    category     VARCHAR NOT NULL,
    weight       DECIMAL(18,4)
)
