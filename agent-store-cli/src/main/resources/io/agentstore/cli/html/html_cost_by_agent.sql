-- report html: cost by agent over the calls of report daily (corrections applied), most expensive first.
-- Parameters of every html_*.sql query: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL;
-- 4 = project or NULL for all. Days are local days in the time zone, as in report daily; the project is the one of
-- the fact's session (dim_session.project), as in report session.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
)
SELECT coalesce(c.agent_name, '(no agent)') AS agent_name,
       any_value(c.agent_type) AS agent_type,
       count(*) AS calls,
       CAST(sum(c.total_tokens) AS BIGINT) AS total_tokens,
       sum(c.cost_usd) AS cost_usd,
       count(*) FILTER (WHERE NOT c.is_priced) AS unpriced_calls
FROM v_api_call_costs c
LEFT JOIN dim_session ds ON ds.session_id = c.session_id
CROSS JOIN params p
WHERE NOT c.is_superseded
  AND (p.first_day IS NULL OR CAST(timezone(p.tz, c.occurred_at) AS DATE) >= p.first_day)
  AND (p.last_day IS NULL OR CAST(timezone(p.tz, c.occurred_at) AS DATE) <= p.last_day)
  AND (p.project IS NULL OR ds.project = p.project)
GROUP BY 1
ORDER BY cost_usd DESC NULLS LAST, calls DESC, agent_name;
