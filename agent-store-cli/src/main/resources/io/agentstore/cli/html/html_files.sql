-- report html: the most edited files (corrections applied), top 25 by modifications.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT m.file_path,
       count(*) AS edits,
       CAST(coalesce(sum(m.lines_added), 0) AS BIGINT) AS lines_added,
       CAST(coalesce(sum(m.lines_deleted), 0) AS BIGINT) AS lines_deleted,
       count(DISTINCT m.session_id) AS sessions,
       max(m.occurred_at) AS last_edited_at
FROM v_file_modifications m
LEFT JOIN dim_session ds ON ds.session_id = m.session_id
CROSS JOIN params p
WHERE NOT m.is_superseded AND m.file_path IS NOT NULL
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, m.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, m.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY edits DESC, file_path
LIMIT 25;
