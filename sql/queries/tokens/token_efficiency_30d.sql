-- Token efficiency per agent over the last 30 days: output tokens per input token, total tokens and cost
-- (use case 2).
-- Read from the daily rollup for the whole days and the raw facts for the window's first, partial day
-- (tokens_api_call_days_since); the same answer as aggregating v_api_call_costs WHERE NOT is_superseded AND
-- tokens_within_days(occurred_at, 30).
WITH per_agent AS (
    SELECT a.agent_name,
           CAST(sum(d.calls) AS BIGINT) AS calls,
           sum(d.input_tokens + d.cache_read_tokens + d.cache_write_5m_tokens + d.cache_write_1h_tokens)
               AS total_input_tokens,
           sum(d.output_tokens) AS output_tokens,
           sum(d.input_tokens + d.output_tokens + d.cache_read_tokens + d.cache_write_5m_tokens
               + d.cache_write_1h_tokens) AS total_tokens,
           sum(d.cost_usd_sum) AS total_cost_usd
    FROM tokens_api_call_days_since(agent_store_now() - to_days(30)) d
    JOIN dim_agent a ON a.agent_key = d.agent_key
    WHERE a.agent_name IS NOT NULL
    GROUP BY a.agent_name
)
SELECT agent_name,
       calls,
       CASE WHEN total_input_tokens > 0
            THEN CAST(output_tokens AS DOUBLE) / total_input_tokens END AS output_per_input,
       total_tokens,
       total_cost_usd
FROM per_agent
ORDER BY output_per_input DESC NULLS LAST, agent_name;
