-- dim.contact_type: one row per production contact type (kontakttyp) of contact_types.csv, in file
-- order (ordinal, 0-based: the order of the production tables' rows). name and category come from the
-- contact type's row without a year, else from its row of the latest year. weight is the weight of the
-- row without a year (NULL = not part of weighted care services in years without a row of their own);
-- the weights of every year are in dim.contact_weight.
CREATE TABLE dim.contact_type (
    contact_type VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    category     VARCHAR NOT NULL,
    weight       DECIMAL(18,6),
    ordinal      INTEGER NOT NULL
)
