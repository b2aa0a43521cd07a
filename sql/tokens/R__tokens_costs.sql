-- agent-store tokens views and macros, cost per API call and its aggregates: part of the stable, documented SQL
-- contract of the tokens schema. Re-applied whenever this file changes. Repeatable scripts run in the order
-- TokensModule.repeatables() lists them (prices, costs, windows, components, context, routing); a view here may
-- use the macros and views of the files before it. Like core, views call agent_store_now() instead of
-- current_timestamp.

------------------------------------------------------------------------------------------------------------
-- Cost per API call
------------------------------------------------------------------------------------------------------------

-- One row per API call: its tokens, the price version valid at occurred_at, the derived cost split by token
-- kind, what it would have cost without the prompt cache, and the provider-reported cost beside it.
CREATE OR REPLACE VIEW v_api_call_costs AS
WITH priced AS (
    SELECT a.*, pm.price_model_name, pm.match_rule, pv.price,
           a.input_tokens + a.cache_read_tokens + a.cache_write_5m_tokens + a.cache_write_1h_tokens
               AS total_input_tokens
    FROM v_api_calls a
    LEFT JOIN v_model_price_match pm ON pm.model_name = a.model_name
    LEFT JOIN v_model_price_versions pv ON pv.model_key = pm.model_key
        AND tokens_price_valid_at(pv.valid_from, pv.valid_to, a.occurred_at)
),
costed AS (
    SELECT *, tokens_above_tier(price, total_input_tokens) AS above_tier FROM priced
)
SELECT event_id, occurred_at, recorded_at, supersedes_event_id, is_superseded,
       session_id, agent_name, agent_type, task_id, task_description, task_type, model_name, provider, request_id,
       input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
       cache_write_5m_tokens + cache_write_1h_tokens AS cache_write_tokens,
       total_input_tokens, total_tokens,
       price_model_name, match_rule, price.model_price_key AS model_price_key,
       price.model_price_key IS NOT NULL AS is_priced,
       above_tier AS is_above_tier,
       input_tokens * tokens_input_price(price, above_tier) AS input_cost_usd,
       output_tokens * tokens_output_price(price, above_tier) AS output_cost_usd,
       cache_read_tokens * tokens_cache_read_price(price, above_tier) AS cache_read_cost_usd,
       cache_write_5m_tokens * tokens_cache_write_5m_price(price, above_tier)
           + cache_write_1h_tokens * tokens_cache_write_1h_price(price, above_tier) AS cache_write_cost_usd,
       tokens_cost_usd(price, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
                       cache_write_1h_tokens) AS cost_usd,
       total_input_tokens * tokens_input_price(price, above_tier)
           + output_tokens * tokens_output_price(price, above_tier) AS uncached_cost_usd,
       reported_cost_usd, latency_ms, is_success, error_type, attributes
FROM costed;

------------------------------------------------------------------------------------------------------------
-- Cost by day, month, day and model, agent, task, model, session (corrections applied)
------------------------------------------------------------------------------------------------------------

-- v_cost_by_day, v_cost_by_day_model and v_cache_hit_rate_daily read the daily rollup (tokens_api_call_days(),
-- R__tokens_rollups.sql) instead of pricing every call: the same rows as aggregating v_api_call_costs.
CREATE OR REPLACE VIEW v_cost_by_day AS
SELECT d.day,
       CAST(sum(d.calls) AS BIGINT) AS calls,
       sum(d.input_tokens) AS input_tokens, sum(d.output_tokens) AS output_tokens,
       sum(d.cache_read_tokens) AS cache_read_tokens,
       sum(d.cache_write_5m_tokens + d.cache_write_1h_tokens) AS cache_write_tokens,
       sum(d.input_tokens + d.output_tokens + d.cache_read_tokens + d.cache_write_5m_tokens
           + d.cache_write_1h_tokens) AS total_tokens,
       sum(d.cost_usd_sum) AS cost_usd,
       sum(d.reported_cost_usd_sum) FILTER (WHERE d.reported_calls > 0) AS reported_cost_usd,
       CAST(coalesce(sum(d.calls) FILTER (WHERE d.model_price_key IS NULL), 0) AS BIGINT) AS unpriced_calls,
       list(DISTINCT m.model_name ORDER BY m.model_name) AS models
FROM tokens_api_call_days() d
LEFT JOIN dim_model m ON m.model_key = d.model_key
GROUP BY d.day;

CREATE OR REPLACE VIEW v_cost_by_month AS
SELECT date_trunc('month', tokens_utc_day(occurred_at)) AS month,
       count(*) AS calls,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY 1;

CREATE OR REPLACE VIEW v_cost_by_day_model AS
SELECT d.day, m.model_name,
       CAST(sum(d.calls) AS BIGINT) AS calls,
       sum(d.input_tokens) AS input_tokens, sum(d.output_tokens) AS output_tokens,
       sum(d.cache_read_tokens) AS cache_read_tokens,
       sum(d.cache_write_5m_tokens) AS cache_write_5m_tokens, sum(d.cache_write_1h_tokens) AS cache_write_1h_tokens,
       sum(d.cache_write_5m_tokens + d.cache_write_1h_tokens) AS cache_write_tokens,
       sum(d.input_tokens + d.output_tokens + d.cache_read_tokens + d.cache_write_5m_tokens
           + d.cache_write_1h_tokens) AS total_tokens,
       sum(d.cost_usd_sum) AS cost_usd,
       sum(d.reported_cost_usd_sum) FILTER (WHERE d.reported_calls > 0) AS reported_cost_usd,
       CAST(coalesce(sum(d.calls) FILTER (WHERE d.model_price_key IS NULL), 0) AS BIGINT) AS unpriced_calls
FROM tokens_api_call_days() d
LEFT JOIN dim_model m ON m.model_key = d.model_key
GROUP BY d.day, m.model_name;

CREATE OR REPLACE VIEW v_cost_by_agent AS
SELECT agent_name, any_value(agent_type) AS agent_type,
       count(*) AS calls,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       avg(cost_usd) AS avg_cost_per_call_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls,
       min(occurred_at) AS first_call_at, max(occurred_at) AS last_call_at
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY agent_name;

CREATE OR REPLACE VIEW v_cost_by_task AS
SELECT task_id, any_value(task_description) AS task_description, any_value(task_type) AS task_type,
       count(*) AS calls,
       count(DISTINCT session_id) AS sessions,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY task_id;

CREATE OR REPLACE VIEW v_cost_by_model AS
SELECT model_name, any_value(provider) AS provider, any_value(price_model_name) AS price_model_name,
       count(*) AS calls,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY model_name;

CREATE OR REPLACE VIEW v_cost_by_session AS
SELECT session_id,
       min(occurred_at) AS first_call_at, max(occurred_at) AS last_call_at,
       count(*) AS calls,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls,
       list(DISTINCT model_name ORDER BY model_name) AS models
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY session_id;

-- Prompt-cache effectiveness per UTC day: the share of all input tokens read from the cache, and what the
-- cache saved net of the higher price of cache writes (uncached cost minus actual cost).
CREATE OR REPLACE VIEW v_cache_hit_rate_daily AS
WITH days AS (
    SELECT day,
           CAST(sum(calls) AS BIGINT) AS calls,
           sum(input_tokens) AS input_tokens,
           sum(cache_read_tokens) AS cache_read_tokens,
           sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write_tokens,
           sum(input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens)
               AS total_input_tokens,
           sum(uncached_cost_usd_sum) - sum(cost_usd_sum) AS cache_saving_usd
    FROM tokens_api_call_days()
    GROUP BY day
)
SELECT day, calls, input_tokens, cache_read_tokens, cache_write_tokens, total_input_tokens,
       CASE WHEN total_input_tokens > 0
            THEN CAST(cache_read_tokens AS DOUBLE) / total_input_tokens END AS cache_hit_rate,
       cache_saving_usd
FROM days;

-- Output tokens per input token, per agent: how much an agent produces for what it reads.
CREATE OR REPLACE VIEW v_token_efficiency AS
SELECT agent_name,
       count(*) AS calls,
       sum(total_input_tokens) AS total_input_tokens,
       sum(output_tokens) AS output_tokens,
       CASE WHEN sum(total_input_tokens) > 0
            THEN CAST(sum(output_tokens) AS DOUBLE) / sum(total_input_tokens) END AS output_per_input,
       sum(cost_usd) AS cost_usd
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY agent_name;
