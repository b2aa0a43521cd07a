-- report html: context overflows per local day (corrections applied).
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT strftime(timezone(p.tz, o.occurred_at), '%Y-%m-%d') AS day,
       count(*) AS overflows,
       count(DISTINCT o.session_id) AS sessions,
       count(*) FILTER (WHERE o.is_compaction_triggered) AS compactions,
       CAST(max(o.tokens_at_overflow) AS BIGINT) AS max_tokens_at_overflow,
       CAST(coalesce(sum(o.dropped_count), 0) AS BIGINT) AS components_dropped
FROM v_context_overflows o
LEFT JOIN dim_session ds ON ds.session_id = o.session_id
CROSS JOIN params p
WHERE NOT o.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, o.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, o.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY 1;
