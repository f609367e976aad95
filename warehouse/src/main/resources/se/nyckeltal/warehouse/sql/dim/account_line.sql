-- dim.account_line: one row per account range of accounts.csv (bounds inclusive, compared as numbers).
-- Several ranges may share a line_id; ordinal is the row's position in the file (0-based), which
-- breaks ties between equally narrow ranges and orders the income statement's lines.
CREATE TABLE dim.account_line (
    account_from           BIGINT  NOT NULL,
    account_to             BIGINT  NOT NULL,
    line_id                VARCHAR NOT NULL,
    line_name              VARCHAR NOT NULL,
    kind                   VARCHAR NOT NULL,  -- REVENUE | COST
    is_personnel           BOOLEAN NOT NULL,  -- personalkostnad
    is_agency              BOOLEAN NOT NULL,  -- externt inhyrd personal
    is_overtime            BOOLEAN NOT NULL,  -- övertid/mertid
    is_internal_allocation BOOLEAN NOT NULL,  -- regionersättning, left out of net cost
    ordinal                INTEGER NOT NULL
)
