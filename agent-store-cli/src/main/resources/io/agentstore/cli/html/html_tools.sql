-- report html: the most called tools with their failures (corrections applied), top 25 by calls.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT coalesce(t.tool_name, '(unknown)') AS tool_name,
       count(*) AS calls,
       count(*) FILTER (WHERE NOT t.is_success) AS failures,
       CAST(count(*) FILTER (WHERE NOT t.is_success) AS DOUBLE) / count(*) AS failure_rate,
       avg(t.duration_ms) AS avg_duration_ms,
       count(DISTINCT t.session_id) AS sessions
FROM v_tool_calls t
LEFT JOIN dim_session ds ON ds.session_id = t.session_id
CROSS JOIN params p
WHERE NOT t.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, t.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, t.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY calls DESC, tool_name
LIMIT 25;
