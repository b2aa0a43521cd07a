-- 5-hour usage windows for `agent-store report blocks`, from the tokens module's windows (v_usage_window_calls).
-- Parameters: 1 = IANA time zone of the days; 2 = first day or NULL; 3 = last day or NULL; 4 = project or NULL. A window is built from
-- every call (ccusage's rule), but counts only the calls whose local day is in the range, so that the totals of
-- `report daily`, `report session` and `report blocks` over one range are equal; a window without such a call
-- is left out.
WITH params AS (
    SELECT CAST(? AS VARCHAR) AS tz, CAST(? AS DATE) AS first_day, CAST(? AS DATE) AS last_day,
           CAST(? AS VARCHAR) AS project
),
calls AS (
    SELECT a.window_start, c.*
    FROM v_usage_window_calls a
    JOIN v_api_call_costs c ON c.event_id = a.event_id
    LEFT JOIN dim_session ds ON ds.session_id = c.session_id
    CROSS JOIN params p
    WHERE (p.first_day IS NULL OR CAST(timezone(p.tz, c.occurred_at) AS DATE) >= p.first_day)
      AND (p.last_day IS NULL OR CAST(timezone(p.tz, c.occurred_at) AS DATE) <= p.last_day)
      AND (p.project IS NULL OR ds.project = p.project)
)
SELECT window_start,
       window_start + INTERVAL 5 HOUR AS window_end,
       min(occurred_at) AS first_call_at,
       max(occurred_at) AS last_call_at,
       count(*) AS calls,
       CAST(sum(input_tokens) AS BIGINT) AS input_tokens,
       CAST(sum(output_tokens) AS BIGINT) AS output_tokens,
       CAST(sum(cache_write_tokens) AS BIGINT) AS cache_creation_tokens,
       CAST(sum(cache_read_tokens) AS BIGINT) AS cache_read_tokens,
       CAST(sum(total_tokens) AS BIGINT) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls,
       list(DISTINCT model_name ORDER BY model_name) AS models,
       agent_store_now() >= window_start AND agent_store_now() < window_start + INTERVAL 5 HOUR AS is_active
FROM calls
GROUP BY window_start
ORDER BY window_start;
