-- Cache hit rate per UTC day over the last 30 days, and what the prompt cache saved (use case 9).
SELECT day, calls, total_input_tokens, cache_read_tokens, cache_hit_rate, cache_saving_usd
FROM v_cache_hit_rate_daily
WHERE day > CAST(timezone('UTC', agent_store_now() - INTERVAL 30 DAY) AS DATE)
ORDER BY day;
