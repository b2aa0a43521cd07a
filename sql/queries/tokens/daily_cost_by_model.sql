-- Tokens and cost per UTC day and model, the shape of `ccusage daily` (input, output, cache writes, cache
-- reads, cost), with the provider-reported cost beside the derived one.
SELECT day, model_name, calls,
       input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, total_tokens,
       cost_usd, reported_cost_usd, unpriced_calls
FROM v_cost_by_day_model
ORDER BY day, model_name;
