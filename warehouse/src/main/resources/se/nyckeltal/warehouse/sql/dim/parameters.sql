-- dim.parameters: one row per year of parameters.csv. fte_norm_hours is the annual norm behind
-- årsarbetare (1 725 h when a year has no row).
CREATE TABLE dim.parameters (
    year           INTEGER       NOT NULL,
    fte_norm_hours DECIMAL(18,4) NOT NULL
)
