-- report html: handoffs between agents (agents module; corrections applied), most frequent pair first.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT h.from_agent, h.to_agent,
       count(*) AS handoffs,
       count(DISTINCT h.work_id) AS work_items,
       max(h.occurred_at) AS last_at
FROM v_agent_handoffs h
LEFT JOIN dim_session ds ON ds.session_id = h.session_id
CROSS JOIN params p
WHERE NOT h.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, h.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, h.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR h.session_id IS NULL OR ds.project = p.project)
GROUP BY 1, 2
ORDER BY handoffs DESC, from_agent, to_agent
LIMIT 25;
