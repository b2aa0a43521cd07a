-- A cost report: tokens and derived cost between two instants, broken down by one dimension, most
-- expensive first; the provider-reported cost beside it and the calls that had no price.
-- Parameters: 1 = breakdown ('day', 'month', 'model', 'provider', 'agent', 'task', 'task_type', 'session'),
--             2 = start (inclusive), 3 = end (exclusive).
WITH calls AS (
    SELECT CASE CAST(? AS VARCHAR)
               WHEN 'day' THEN strftime(tokens_utc_day(occurred_at), '%Y-%m-%d')
               WHEN 'month' THEN strftime(tokens_utc_day(occurred_at), '%Y-%m')
               WHEN 'model' THEN model_name
               WHEN 'provider' THEN provider
               WHEN 'agent' THEN agent_name
               WHEN 'task' THEN task_id
               WHEN 'task_type' THEN task_type
               WHEN 'session' THEN session_id
           END AS bucket,
           c.*
    FROM v_api_call_costs c
    WHERE NOT is_superseded
      AND occurred_at >= ?
      AND occurred_at < ?
)
SELECT bucket,
       count(*) AS calls,
       sum(input_tokens) AS input_tokens,
       sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens,
       sum(cache_write_tokens) AS cache_write_tokens,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
FROM calls
GROUP BY bucket
ORDER BY cost_usd DESC NULLS LAST, bucket NULLS LAST;
