-- meta.quarantine: one row per rejected line of a delivered file, every load (FactSchema.QUARANTINE):
-- file, line number, the raw text and a reason a controller can act on. Copied into the catalogue
-- from meta/quarantine/load_id=*/*.parquet when it is built.
CREATE TABLE meta.quarantine AS
SELECT
    CAST(load_id     AS VARCHAR) AS load_id,
    CAST(source      AS VARCHAR) AS source,
    CAST(source_file AS VARCHAR) AS source_file,
    CAST(line_number AS BIGINT)  AS line_number,
    CAST(reason      AS VARCHAR) AS reason,
    CAST(raw_line    AS VARCHAR) AS raw_line
FROM ${quarantine_parquet}
ORDER BY load_id, source_file, line_number
