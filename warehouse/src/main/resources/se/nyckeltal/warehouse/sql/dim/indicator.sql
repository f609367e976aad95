-- dim.indicator: one row per indicator of indicators.csv (SPEC §3), published as the KPI indicator.<indicator>.
-- scale multiplies Σ numerator ÷ Σ denominator (100 for a share in %, 1 for a mean); ytd 'sum' pools the
-- window's months, 'last' takes the last month of the window with data (a stock at month end).
CREATE TABLE dim.indicator (
    indicator      VARCHAR       NOT NULL,
    kpi_id         VARCHAR       NOT NULL,
    name           VARCHAR       NOT NULL,
    unit           VARCHAR,
    good_direction VARCHAR       NOT NULL,
    scale          DECIMAL(18,6) NOT NULL,
    ytd            VARCHAR       NOT NULL
)
