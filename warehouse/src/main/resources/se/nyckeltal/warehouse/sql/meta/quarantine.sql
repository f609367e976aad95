-- meta.quarantine: one row per rejected line of a delivered file, every load (FactSchema.QUARANTINE):
-- file, line number, the raw text and a reason a controller can act on. Copied into the catalogue
-- from meta/quarantine/load_id=*/*.parquet when it is built.
-- An HR line describes one employee (cost centre, gender, birth year, hours of a day) even with its id masked, so
-- for source 'hr' analysts get the file, the line number and the reason only: raw_line is NULL and every quoted
-- value in the reason is replaced by '…' (the reason still names the column and what to do). Operators fix the
-- line in the landing file itself, or read it in meta/quarantine/load_id=*/ (docs/operators.md).
CREATE TABLE meta.quarantine AS
SELECT
    CAST(load_id     AS VARCHAR) AS load_id,
    CAST(source      AS VARCHAR) AS source,
    CAST(source_file AS VARCHAR) AS source_file,
    CAST(line_number AS BIGINT)  AS line_number,
    CAST(CASE WHEN source = 'hr' THEN regexp_replace(reason, '''[^'']*''', '''…''', 'g') ELSE reason END
         AS VARCHAR)             AS reason,
    CAST(CASE WHEN source = 'hr' THEN NULL ELSE raw_line END AS VARCHAR) AS raw_line
FROM ${quarantine_parquet}
ORDER BY load_id, source_file, line_number
