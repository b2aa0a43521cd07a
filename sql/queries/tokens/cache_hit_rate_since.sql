-- The prompt-cache hit rate of all API calls since an instant, and what the cache saved.
-- Parameters: 1 = since (instant).
SELECT count(*) AS calls,
       coalesce(sum(total_input_tokens), 0) AS total_input_tokens,
       coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,
       CASE WHEN sum(total_input_tokens) > 0
            THEN CAST(sum(cache_read_tokens) AS DOUBLE) / sum(total_input_tokens) END AS cache_hit_rate,
       sum(uncached_cost_usd) - sum(cost_usd) AS cache_saving_usd
FROM v_api_call_costs
WHERE NOT is_superseded
  AND occurred_at >= ?;
