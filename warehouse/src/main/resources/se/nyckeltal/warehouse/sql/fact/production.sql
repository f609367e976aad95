-- fact.production: one row per period × unit × provider × counterpart × contact_type × scenario
-- (FactSchema.PRODUCTION),
-- daily deliveries summed to their month. provider is OWN | REGION_PRIMARY_CARE | PRIVATE_PRIMARY_CARE |
-- PRIVATE_PROVIDER; contact_type as delivered (codes missing from dim.contact_type are reported under
-- UNMAPPED by the kpi views and meta.data_quality). weighted_volume = volume × the contact type's weight in
-- the period's year (dim.contact_weight), re-derived by the load whenever the weights change. counterpart is
-- the provider organisation (motpart, e.g. a digital care provider) when the delivery names one, else NULL.
-- Reads the snapshot's live Parquet files only (an explicit list, never a glob).
CREATE VIEW fact.production AS
SELECT
    CAST(period          AS INTEGER)       AS period,
    CAST(scenario        AS VARCHAR)       AS scenario,
    CAST(unit            AS VARCHAR)       AS unit,
    CAST(provider        AS VARCHAR)       AS provider,
    CAST(contact_type    AS VARCHAR)       AS contact_type,
    CAST(volume          AS DECIMAL(18,4)) AS volume,
    CAST(weighted_volume AS DECIMAL(18,4)) AS weighted_volume,
    CAST(source_file     AS VARCHAR)       AS source_file,
    CAST(load_id         AS VARCHAR)       AS load_id,
    CAST(counterpart     AS VARCHAR)       AS counterpart
FROM ${production_parquet}
