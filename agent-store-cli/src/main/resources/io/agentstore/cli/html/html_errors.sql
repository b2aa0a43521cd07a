-- report html: errors by type (corrections applied), most frequent first, top 25.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT coalesce(e.error_type, '(untyped)') AS error_type,
       count(*) AS errors,
       count(DISTINCT e.session_id) AS sessions,
       mode(e.tool_name) AS usual_tool,
       max(e.occurred_at) AS last_at
FROM v_errors e
LEFT JOIN dim_session ds ON ds.session_id = e.session_id
CROSS JOIN params p
WHERE NOT e.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, e.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, e.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY errors DESC, error_type
LIMIT 25;
