-- 5-hour usage windows for `agent-store report blocks`, from the tokens module's v_usage_windows.
-- Parameters: 1, 2 = first day or NULL (twice); 3, 4 = last day or NULL (twice), UTC days of the window start.
SELECT window_start, window_end, first_call_at, last_call_at, calls,
       CAST(input_tokens AS BIGINT) AS input_tokens,
       CAST(output_tokens AS BIGINT) AS output_tokens,
       CAST(cache_write_tokens AS BIGINT) AS cache_creation_tokens,
       CAST(cache_read_tokens AS BIGINT) AS cache_read_tokens,
       CAST(total_tokens AS BIGINT) AS total_tokens,
       cost_usd, unpriced_calls, models, is_active
FROM v_usage_windows
WHERE (CAST(? AS DATE) IS NULL OR CAST(timezone('UTC', window_start) AS DATE) >= CAST(? AS DATE))
  AND (CAST(? AS DATE) IS NULL OR CAST(timezone('UTC', window_start) AS DATE) <= CAST(? AS DATE))
ORDER BY window_start;
