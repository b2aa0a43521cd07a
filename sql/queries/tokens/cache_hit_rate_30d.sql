-- Cache hit rate per UTC day over the last 30 days, and what the prompt cache saved (use case 9).
SELECT day, calls, total_input_tokens, cache_read_tokens, cache_hit_rate, cache_saving_usd
FROM v_cache_hit_rate_daily
WHERE tokens_day_within_days(day, 30)
ORDER BY day;
