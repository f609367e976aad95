-- meta.comment_history: one row per delivery × period × org_id × topic — every comment ever delivered,
-- text exactly as delivered (never interpreted: HTML in it is text). delivery is '<load id>.<nnn>', the
-- file's place in its load; it sorts as the deliveries happened. meta.comments shows the latest.
CREATE VIEW meta.comment_history AS
SELECT
    CAST(period      AS INTEGER) AS period,
    CAST(org_id      AS VARCHAR) AS org_id,
    CAST(topic       AS VARCHAR) AS topic,
    CAST(text        AS VARCHAR) AS text,
    CAST(delivery    AS VARCHAR) AS delivery,
    CAST(source_file AS VARCHAR) AS source_file,
    CAST(load_id     AS VARCHAR) AS load_id
FROM ${comment_parquet}
