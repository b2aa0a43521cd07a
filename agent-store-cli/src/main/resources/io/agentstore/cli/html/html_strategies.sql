-- report html: success rate of each strategy (strategy module; corrections applied), most attempted first.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT a.strategy_name,
       count(*) AS attempts,
       count(*) FILTER (WHERE a.is_success) AS successes,
       avg(a.is_success::INTEGER) AS success_rate,
       count(DISTINCT a.task_type) AS task_types,
       avg(a.duration_ms) AS avg_duration_ms
FROM v_strategy_attempts a
LEFT JOIN dim_session ds ON ds.session_id = a.session_id
CROSS JOIN params p
WHERE NOT a.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, a.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, a.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR a.session_id IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY attempts DESC, strategy_name
LIMIT 25;
