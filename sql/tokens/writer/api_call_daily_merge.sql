-- After a writer batch with API calls (parameter: its recorded_at): adds the batch's change to the rollup, in one
-- statement so that the change is computed once.
MERGE INTO agg_api_call_daily AS r
USING tokens_api_call_daily_delta(CAST(? AS TIMESTAMPTZ)) AS d
ON r.day = d.day AND r.model_key = d.model_key AND r.agent_key IS NOT DISTINCT FROM d.agent_key
   AND r.model_price_key IS NOT DISTINCT FROM d.model_price_key
WHEN MATCHED THEN UPDATE SET
    calls = r.calls + d.calls,
    input_tokens = r.input_tokens + d.input_tokens,
    output_tokens = r.output_tokens + d.output_tokens,
    cache_read_tokens = r.cache_read_tokens + d.cache_read_tokens,
    cache_write_5m_tokens = r.cache_write_5m_tokens + d.cache_write_5m_tokens,
    cache_write_1h_tokens = r.cache_write_1h_tokens + d.cache_write_1h_tokens,
    cost_usd_sum = r.cost_usd_sum + d.cost_usd_sum,
    uncached_cost_usd_sum = r.uncached_cost_usd_sum + d.uncached_cost_usd_sum,
    reported_calls = r.reported_calls + d.reported_calls,
    reported_cost_usd_sum = r.reported_cost_usd_sum + d.reported_cost_usd_sum
WHEN NOT MATCHED THEN INSERT BY NAME;
