-- meta.comments(period, org_id, topic, text): one row per period × org_id × topic, the comment in force —
-- the latest delivery's text (SPEC §3). A text delivered empty withdraws the comment. topic is summary,
-- worth_noting, after_period, a report section id or a kpi_id. Text as delivered, never interpreted.
CREATE VIEW meta.comments AS
SELECT period, org_id, topic, text
FROM (
    SELECT
        period,
        org_id,
        topic,
        text,
        row_number() OVER (PARTITION BY period, org_id, topic ORDER BY delivery DESC) AS newest_first
    FROM meta.comment_history
)
WHERE newest_first = 1
  AND text <> ''
