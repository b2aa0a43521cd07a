-- 5-hour usage windows, oldest first: the shape of `ccusage blocks` (start, end, last call, calls, tokens, cost).
SELECT window_start, window_end, last_call_at, calls,
       input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, total_tokens,
       cost_usd, models, is_active
FROM v_usage_windows
ORDER BY window_start;
