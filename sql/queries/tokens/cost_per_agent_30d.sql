-- Cost per agent over the last 30 days, derived from tokens and the prices valid at each call (use case 9).
-- Calls of models without a price are counted in unpriced_calls and add nothing to the cost.
-- Read from the daily rollup for the whole days and the raw facts for the window's first, partial day
-- (tokens_api_call_days_since); the same answer as aggregating v_api_call_costs WHERE NOT is_superseded AND
-- tokens_within_days(occurred_at, 30).
SELECT a.agent_name,
       sum(d.cost_usd_sum) AS total_cost_usd,
       CAST(sum(d.cost_usd_sum) AS DOUBLE) / sum(d.calls) FILTER (WHERE d.model_price_key IS NOT NULL)
           AS avg_cost_per_call_usd,
       CAST(sum(d.calls) AS BIGINT) AS calls,
       CAST(coalesce(sum(d.calls) FILTER (WHERE d.model_price_key IS NULL), 0) AS BIGINT) AS unpriced_calls
FROM tokens_api_call_days_since(agent_store_now() - to_days(30)) d
LEFT JOIN dim_agent a ON a.agent_key = d.agent_key
GROUP BY a.agent_name
ORDER BY total_cost_usd DESC NULLS LAST, a.agent_name;
