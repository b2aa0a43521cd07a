-- agent-store tokens views and macros: the stable, documented SQL contract of the tokens schema.
-- Re-applied whenever this file changes. Like core, they call agent_store_now() instead of current_timestamp.
--
-- Cost arithmetic is DECIMAL throughout: tokens (BIGINT) × price per token (DECIMAL(20,12)) gives
-- DECIMAL(38,12). Derived costs keep those 12 decimals (round for display). A model without a price gives
-- a NULL cost, never 0, and aggregates count such events in unpriced_calls.

------------------------------------------------------------------------------------------------------------
-- Price arithmetic. p is a row of dim_model_price (a struct: pass the table alias); NULL p gives NULL.
-- A call is above the tier when its whole input (uncached input + cache reads + cache writes) exceeds
-- p.tier_threshold_tokens; then every token of the call, output included, is billed at the tier price
-- (Anthropic's long-context rule). Missing component prices fall back: a cache read or a 5-minute cache
-- write without its own price is billed as input, a 1-hour write without its own as a 5-minute write,
-- and a tier price that is missing as the base price.
------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE MACRO tokens_above_tier(p, total_input_tokens) AS
    coalesce(total_input_tokens > p.tier_threshold_tokens, false);

CREATE OR REPLACE MACRO tokens_input_price(p, above) AS
    CASE WHEN above THEN coalesce(p.tier_input_usd_per_token, p.input_usd_per_token)
         ELSE p.input_usd_per_token END;

CREATE OR REPLACE MACRO tokens_output_price(p, above) AS
    CASE WHEN above THEN coalesce(p.tier_output_usd_per_token, p.output_usd_per_token)
         ELSE p.output_usd_per_token END;

CREATE OR REPLACE MACRO tokens_cache_read_price(p, above) AS
    CASE WHEN above THEN coalesce(p.tier_cache_read_usd_per_token, p.cache_read_usd_per_token,
                                  p.tier_input_usd_per_token, p.input_usd_per_token)
         ELSE coalesce(p.cache_read_usd_per_token, p.input_usd_per_token) END;

CREATE OR REPLACE MACRO tokens_cache_write_5m_price(p, above) AS
    CASE WHEN above THEN coalesce(p.tier_cache_write_5m_usd_per_token, p.cache_write_5m_usd_per_token,
                                  p.tier_input_usd_per_token, p.input_usd_per_token)
         ELSE coalesce(p.cache_write_5m_usd_per_token, p.input_usd_per_token) END;

CREATE OR REPLACE MACRO tokens_cache_write_1h_price(p, above) AS
    CASE WHEN above THEN coalesce(p.tier_cache_write_1h_usd_per_token, p.cache_write_1h_usd_per_token,
                                  p.tier_cache_write_5m_usd_per_token, p.cache_write_5m_usd_per_token,
                                  p.tier_input_usd_per_token, p.input_usd_per_token)
         ELSE coalesce(p.cache_write_1h_usd_per_token, p.cache_write_5m_usd_per_token, p.input_usd_per_token) END;

-- The cost in USD of one event's tokens at price p (DECIMAL(38,12)), or NULL when p is NULL.
CREATE OR REPLACE MACRO tokens_cost_usd(p, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
                                        cache_write_1h_tokens) AS
    input_tokens * tokens_input_price(p, tokens_above_tier(p, input_tokens + cache_read_tokens
        + cache_write_5m_tokens + cache_write_1h_tokens))
    + output_tokens * tokens_output_price(p, tokens_above_tier(p, input_tokens + cache_read_tokens
        + cache_write_5m_tokens + cache_write_1h_tokens))
    + cache_read_tokens * tokens_cache_read_price(p, tokens_above_tier(p, input_tokens + cache_read_tokens
        + cache_write_5m_tokens + cache_write_1h_tokens))
    + cache_write_5m_tokens * tokens_cache_write_5m_price(p, tokens_above_tier(p, input_tokens + cache_read_tokens
        + cache_write_5m_tokens + cache_write_1h_tokens))
    + cache_write_1h_tokens * tokens_cache_write_1h_price(p, tokens_above_tier(p, input_tokens + cache_read_tokens
        + cache_write_5m_tokens + cache_write_1h_tokens));

-- UTC calendar helpers: views never depend on the session time zone.
CREATE OR REPLACE MACRO tokens_utc_day(ts) AS CAST(timezone('UTC', ts) AS DATE);
CREATE OR REPLACE MACRO tokens_utc_hour(ts) AS timezone('UTC', date_trunc('hour', timezone('UTC', ts)));

------------------------------------------------------------------------------------------------------------
-- Prices
------------------------------------------------------------------------------------------------------------

-- Every price version, with prices per million tokens beside the per-token ones for reading.
CREATE OR REPLACE VIEW v_model_prices AS
SELECT model_price_key, model_name, provider, valid_from, valid_to, is_current, price_source,
       input_usd_per_token * 1000000 AS input_usd_per_mtok,
       output_usd_per_token * 1000000 AS output_usd_per_mtok,
       cache_write_5m_usd_per_token * 1000000 AS cache_write_5m_usd_per_mtok,
       cache_write_1h_usd_per_token * 1000000 AS cache_write_1h_usd_per_mtok,
       cache_read_usd_per_token * 1000000 AS cache_read_usd_per_mtok,
       tier_threshold_tokens,
       tier_input_usd_per_token * 1000000 AS tier_input_usd_per_mtok,
       tier_output_usd_per_token * 1000000 AS tier_output_usd_per_mtok,
       max_input_tokens, max_output_tokens,
       input_usd_per_token, output_usd_per_token, cache_write_5m_usd_per_token, cache_write_1h_usd_per_token,
       cache_read_usd_per_token, tier_input_usd_per_token, tier_output_usd_per_token,
       tier_cache_write_5m_usd_per_token, tier_cache_write_1h_usd_per_token, tier_cache_read_usd_per_token,
       price_hash
FROM dim_model_price;

-- The price-table names a model may be listed under, best first (the matching rules, used by
-- v_model_price_match and by the facade for names not yet in dim_model):
-- 1 exact name; 2 lower case; 3 provider-prefixed ('anthropic/claude-...'); 4 prefixes stripped
-- ('openrouter/anthropic/claude-...', 'us.anthropic.claude-...'); 5 Vertex '@' form turned into '-';
-- 6 dated and version suffixes stripped ('-20250514', '-2025-04-14', '@20250929', '-v1:0').
CREATE OR REPLACE MACRO tokens_bare_model_name(name) AS
    regexp_replace(lower(name), '^(([a-z0-9_.-]+/)+|((us|eu|apac|global)\.)?anthropic\.)', '');

CREATE OR REPLACE MACRO tokens_price_candidates(name, provider) AS [
    {'candidate': name, 'rule_rank': 1, 'match_rule': 'exact'},
    {'candidate': lower(name), 'rule_rank': 2, 'match_rule': 'case'},
    {'candidate': lower(provider) || '/' || lower(name), 'rule_rank': 3, 'match_rule': 'provider_prefixed'},
    {'candidate': tokens_bare_model_name(name), 'rule_rank': 4, 'match_rule': 'prefix_stripped'},
    {'candidate': replace(tokens_bare_model_name(name), '@', '-'), 'rule_rank': 5, 'match_rule': 'vertex_form'},
    {'candidate': regexp_replace(tokens_bare_model_name(name),
                                 '(@[0-9]{8}|-[0-9]{8}|-[0-9]{4}-[0-9]{2}-[0-9]{2}|-v[0-9]+(:[0-9]+)?)+$', ''),
     'rule_rank': 6, 'match_rule': 'suffix_stripped'}
];

-- Which price-table model each model of dim_model is priced as (the first candidate that has prices).
-- A model with no row here is unknown: its cost is NULL.
CREATE OR REPLACE VIEW v_model_price_match AS
WITH candidates AS (
    SELECT model_key, model_name, unnest(tokens_price_candidates(model_name, provider), recursive := true)
    FROM dim_model
)
SELECT c.model_key, c.model_name,
       arg_min(c.candidate, c.rule_rank) AS price_model_name,
       arg_min(c.match_rule, c.rule_rank) AS match_rule
FROM candidates c
JOIN (SELECT DISTINCT model_name FROM dim_model_price) priced ON priced.model_name = c.candidate
GROUP BY c.model_key, c.model_name;

------------------------------------------------------------------------------------------------------------
-- Cost per API call
------------------------------------------------------------------------------------------------------------

-- One row per API call: its tokens, the price version valid at occurred_at, the derived cost split by token
-- kind, what it would have cost without the prompt cache, and the provider-reported cost beside it.
CREATE OR REPLACE VIEW v_api_call_costs AS
WITH priced AS (
    SELECT a.*, pm.price_model_name, pm.match_rule, p AS price,
           a.input_tokens + a.cache_read_tokens + a.cache_write_5m_tokens + a.cache_write_1h_tokens
               AS total_input_tokens
    FROM v_api_calls a
    LEFT JOIN v_model_price_match pm ON pm.model_name = a.model_name
    LEFT JOIN dim_model_price p ON p.model_name = pm.price_model_name
        AND p.valid_from <= a.occurred_at AND (p.valid_to IS NULL OR a.occurred_at < p.valid_to)
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

CREATE OR REPLACE VIEW v_cost_by_day AS
SELECT tokens_utc_day(occurred_at) AS day,
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
GROUP BY 1;

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
SELECT tokens_utc_day(occurred_at) AS day, model_name,
       count(*) AS calls,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens,
       sum(cache_write_5m_tokens) AS cache_write_5m_tokens, sum(cache_write_1h_tokens) AS cache_write_1h_tokens,
       sum(cache_write_tokens) AS cache_write_tokens,
       sum(total_tokens) AS total_tokens,
       sum(cost_usd) AS cost_usd,
       sum(reported_cost_usd) AS reported_cost_usd,
       count(*) FILTER (WHERE NOT is_priced) AS unpriced_calls
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY 1, 2;

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
SELECT tokens_utc_day(occurred_at) AS day,
       count(*) AS calls,
       sum(input_tokens) AS input_tokens,
       sum(cache_read_tokens) AS cache_read_tokens,
       sum(cache_write_tokens) AS cache_write_tokens,
       sum(total_input_tokens) AS total_input_tokens,
       CASE WHEN sum(total_input_tokens) > 0
            THEN CAST(sum(cache_read_tokens) AS DOUBLE) / sum(total_input_tokens) END AS cache_hit_rate,
       sum(uncached_cost_usd) - sum(cost_usd) AS cache_saving_usd
FROM v_api_call_costs
WHERE NOT is_superseded
GROUP BY 1;

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

------------------------------------------------------------------------------------------------------------
-- 5-hour usage windows (the billing blocks of subscription plans, as ccusage computes them): a window starts
-- at the hour of its first call (UTC); a call more than 5 hours after its window's start, or more than
-- 5 hours after the previous call, starts a new window.
------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW v_usage_windows AS
WITH RECURSIVE calls AS MATERIALIZED (
    SELECT event_id, occurred_at, lag(occurred_at) OVER (ORDER BY occurred_at, event_id) AS previous_at
    FROM v_api_calls
    WHERE NOT is_superseded
),
islands AS MATERIALIZED (
    -- runs of calls without a gap over 5 hours
    SELECT event_id, occurred_at,
           sum(CASE WHEN previous_at IS NULL OR occurred_at > previous_at + INTERVAL 5 HOUR THEN 1 ELSE 0 END)
               OVER (ORDER BY occurred_at, event_id ROWS UNBOUNDED PRECEDING) AS island
    FROM calls
),
windows(island, window_start, first_at) AS (
    SELECT island, tokens_utc_hour(min(occurred_at)), min(occurred_at) FROM islands GROUP BY island
    UNION ALL
    SELECT w.island, tokens_utc_hour(min(i.occurred_at)), min(i.occurred_at)
    FROM windows w
    JOIN islands i ON i.island = w.island AND i.occurred_at > w.window_start + INTERVAL 5 HOUR
    GROUP BY w.island
),
assigned AS (
    -- by the first call of each window, not its start: a call exactly 5 hours after a window's start belongs
    -- to that window even when the next window starts at the same hour
    SELECT i.event_id, w.window_start
    FROM islands i
    ASOF JOIN windows w ON i.island = w.island AND i.occurred_at >= w.first_at
)
SELECT a.window_start,
       a.window_start + INTERVAL 5 HOUR AS window_end,
       min(c.occurred_at) AS first_call_at,
       max(c.occurred_at) AS last_call_at,
       count(*) AS calls,
       sum(c.input_tokens) AS input_tokens, sum(c.output_tokens) AS output_tokens,
       sum(c.cache_read_tokens) AS cache_read_tokens, sum(c.cache_write_tokens) AS cache_write_tokens,
       sum(c.total_tokens) AS total_tokens,
       sum(c.cost_usd) AS cost_usd,
       count(*) FILTER (WHERE NOT c.is_priced) AS unpriced_calls,
       list(DISTINCT c.model_name ORDER BY c.model_name) AS models,
       agent_store_now() >= a.window_start AND agent_store_now() < a.window_start + INTERVAL 5 HOUR AS is_active
FROM assigned a
JOIN v_api_call_costs c ON c.event_id = a.event_id
GROUP BY a.window_start;

------------------------------------------------------------------------------------------------------------
-- Token usage per component invocation
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_token_usage AS
WITH base AS (
    SELECT f.*, m.model_name, m.provider,
           f.input_tokens + f.cache_read_tokens + f.cache_write_5m_tokens + f.cache_write_1h_tokens
               AS total_input_tokens
    FROM fact_token_usage f
    LEFT JOIN dim_model m ON m.model_key = f.model_key
)
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_token_usage WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       co.component_name, co.component_type, co.file_path,
       f.model_name, f.provider, f.invocation_context,
       f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens, f.cache_write_1h_tokens,
       f.total_input_tokens,
       f.total_input_tokens + f.output_tokens AS total_tokens,
       tokens_cost_usd(p, f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens,
                       f.cache_write_1h_tokens) AS cost_usd,
       f.attributes
FROM base f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_component co ON co.component_key = f.component_key
LEFT JOIN v_model_price_match pm ON pm.model_key = f.model_key
LEFT JOIN dim_model_price p ON p.model_name = pm.price_model_name
    AND p.valid_from <= f.occurred_at AND (p.valid_to IS NULL OR f.occurred_at < p.valid_to);

-- What is eating the context: per component, how many tokens it brings in, over all time and 7 days.
CREATE OR REPLACE VIEW v_context_consumers AS
SELECT component_name, any_value(component_type) AS component_type,
       count(*) AS invocations,
       avg(total_input_tokens) AS avg_input_tokens,
       sum(total_input_tokens) AS total_input_tokens,
       sum(output_tokens) AS output_tokens,
       sum(cost_usd) AS cost_usd,
       sum(total_input_tokens) / sum(sum(total_input_tokens)) OVER () AS share_of_input,
       max(occurred_at) AS last_used_at
FROM v_token_usage
WHERE NOT is_superseded
GROUP BY component_name;

CREATE OR REPLACE VIEW v_context_consumers_7d AS
SELECT component_name, any_value(component_type) AS component_type,
       count(*) AS invocations,
       avg(total_input_tokens) AS avg_input_tokens,
       sum(total_input_tokens) AS total_input_tokens,
       sum(output_tokens) AS output_tokens,
       sum(cost_usd) AS cost_usd,
       sum(total_input_tokens) / sum(sum(total_input_tokens)) OVER () AS share_of_input,
       max(occurred_at) AS last_used_at
FROM v_token_usage
WHERE NOT is_superseded
  AND occurred_at > agent_store_now() - INTERVAL 7 DAY
GROUP BY component_name;

------------------------------------------------------------------------------------------------------------
-- Component measurements and budgets
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_component_measurements AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_component_measurement WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       co.component_name, co.component_type, co.file_path AS component_path,
       fl.file_path, f.file_type,
       f.line_count, f.word_count, f.char_count, f.byte_count, f.estimated_tokens, f.content_hash, f.estimator,
       f.attributes
FROM fact_component_measurement f
LEFT JOIN dim_component co ON co.component_key = f.component_key
LEFT JOIN dim_file fl ON fl.file_key = f.file_key;

-- The latest measurement of each component: its current size.
CREATE OR REPLACE VIEW v_component_sizes AS
SELECT component_name, component_type, file_path, file_type, line_count, word_count, char_count, byte_count,
       estimated_tokens, content_hash, estimator, occurred_at AS measured_at
FROM v_component_measurements
WHERE NOT is_superseded
QUALIFY row_number() OVER (PARTITION BY component_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1;

-- Components whose current size is over budget_tokens (the table macro), or over 4,000 tokens (the view,
-- the reference's budget for a skill), largest first when ordered by estimated_tokens.
CREATE OR REPLACE MACRO tokens_over_budget(budget_tokens) AS TABLE
SELECT component_name, component_type, file_path, estimated_tokens, budget_tokens AS budget_tokens,
       estimated_tokens - budget_tokens AS excess_tokens, measured_at
FROM v_component_sizes
WHERE estimated_tokens > budget_tokens;

CREATE OR REPLACE VIEW v_over_budget_components AS
SELECT * FROM tokens_over_budget(4000);

------------------------------------------------------------------------------------------------------------
-- Context overflows
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_context_overflows AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_context_overflow WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       m.model_name, m.provider,
       w.max_input_tokens AS context_window_tokens,
       f.tokens_at_overflow, f.tokens_after, f.dropped_components,
       coalesce(json_array_length(f.dropped_components), 0) AS dropped_count,
       f.is_compaction_triggered, f.compaction_trigger,
       CASE WHEN w.max_input_tokens > 0 THEN CAST(f.tokens_at_overflow AS DOUBLE) / w.max_input_tokens END
           AS window_utilization,
       f.attributes
FROM fact_context_overflow f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_model m ON m.model_key = f.model_key
LEFT JOIN dim_context_window w ON w.context_window_key = f.context_window_key;

-- How often the context overflows, per UTC day.
CREATE OR REPLACE VIEW v_overflow_frequency AS
SELECT tokens_utc_day(occurred_at) AS day,
       count(*) AS overflows,
       count(DISTINCT session_id) AS sessions,
       avg(tokens_at_overflow) AS avg_tokens_at_overflow,
       max(tokens_at_overflow) AS max_tokens_at_overflow,
       count(*) FILTER (WHERE is_compaction_triggered) AS compactions,
       sum(dropped_count) AS components_dropped
FROM v_context_overflows
WHERE NOT is_superseded
GROUP BY 1;

-- What gets dropped when the context overflows, most often first when ordered by times_dropped.
CREATE OR REPLACE VIEW v_dropped_components AS
WITH dropped AS (
    SELECT o.occurred_at, o.session_id, unnest(CAST(o.dropped_components AS VARCHAR[])) AS component_name
    FROM v_context_overflows o
    WHERE NOT o.is_superseded AND o.dropped_components IS NOT NULL
)
SELECT d.component_name, any_value(c.component_type) AS component_type,
       count(*) AS times_dropped,
       count(DISTINCT d.session_id) AS sessions,
       max(d.occurred_at) AS last_dropped_at
FROM dropped d
LEFT JOIN dim_component c ON c.component_name = d.component_name AND c.is_current
GROUP BY d.component_name;

------------------------------------------------------------------------------------------------------------
-- Cost allocation
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_cost_allocations AS
WITH session_cost AS (
    SELECT session_id, sum(cost_usd) AS cost_usd FROM v_api_call_costs WHERE NOT is_superseded GROUP BY session_id
)
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_cost_allocation WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       co.component_name, co.component_type, co.file_path,
       f.allocation_method, f.basis, f.source_event_id, f.share, f.allocated_usd,
       CASE f.basis WHEN 'amount' THEN CAST(f.allocated_usd AS DECIMAL(38,12))
                    WHEN 'api_call' THEN CAST(f.share * src.cost_usd AS DECIMAL(38,12))
                    WHEN 'session' THEN CAST(f.share * sc.cost_usd AS DECIMAL(38,12)) END AS cost_usd,
       f.attributes
FROM fact_cost_allocation f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_component co ON co.component_key = f.component_key
LEFT JOIN v_api_call_costs src ON f.basis = 'api_call' AND src.event_id = f.source_event_id
LEFT JOIN session_cost sc ON f.basis = 'session' AND sc.session_id = s.session_id;

-- Allocated cost per component.
CREATE OR REPLACE VIEW v_cost_by_component AS
SELECT component_name, any_value(component_type) AS component_type,
       count(*) AS allocations,
       count(DISTINCT session_id) AS sessions,
       sum(cost_usd) AS cost_usd,
       max(occurred_at) AS last_allocated_at
FROM v_cost_allocations
WHERE NOT is_superseded
GROUP BY component_name;

------------------------------------------------------------------------------------------------------------
-- Command runs and model routing
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_command_runs AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_command_run WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       f.command, m.model_name, m.provider, pm.price_model_name,
       f.thinking_budget_tokens, f.duration_ms, f.is_success, f.error_type,
       f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens, f.cache_write_1h_tokens,
       f.input_tokens + f.output_tokens + f.cache_read_tokens + f.cache_write_5m_tokens + f.cache_write_1h_tokens
           AS total_tokens,
       tokens_cost_usd(p, f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens,
                       f.cache_write_1h_tokens) AS cost_usd,
       f.attributes
FROM fact_command_run f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_model m ON m.model_key = f.model_key
LEFT JOIN v_model_price_match pm ON pm.model_key = f.model_key
LEFT JOIN dim_model_price p ON p.model_name = pm.price_model_name
    AND p.valid_from <= f.occurred_at AND (p.valid_to IS NULL OR f.occurred_at < p.valid_to);

-- Model routing per command, model and thinking budget: runs, success, duration, cost, and what the same runs
-- would have cost on the most expensive model used by any command run (the priced model with the highest
-- current input + output price per token), priced as of each run; saving_usd is the difference.
CREATE OR REPLACE VIEW v_model_routing AS
WITH runs AS (
    SELECT * FROM v_command_runs WHERE NOT is_superseded
),
top_model AS (
    SELECT p.model_name AS price_model_name
    FROM (SELECT DISTINCT price_model_name FROM runs WHERE price_model_name IS NOT NULL) r
    JOIN dim_model_price p ON p.model_name = r.price_model_name AND p.is_current
    ORDER BY p.input_usd_per_token + p.output_usd_per_token DESC, p.model_name
    LIMIT 1
),
at_top AS (
    SELECT r.event_id, top.price_model_name AS top_model_name,
           tokens_cost_usd(p, r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_5m_tokens,
                           r.cache_write_1h_tokens) AS cost_at_top_usd
    FROM runs r
    CROSS JOIN top_model top
    LEFT JOIN dim_model_price p ON p.model_name = top.price_model_name
        AND p.valid_from <= r.occurred_at AND (p.valid_to IS NULL OR r.occurred_at < p.valid_to)
)
SELECT r.command, r.model_name, coalesce(r.thinking_budget_tokens, 0) AS thinking_budget_tokens,
       count(*) AS runs,
       count(*) FILTER (WHERE r.is_success) AS successes,
       avg(CAST(r.is_success AS INTEGER)) AS success_rate,
       avg(r.duration_ms) AS avg_duration_ms,
       sum(r.total_tokens) AS total_tokens,
       avg(r.output_tokens) AS avg_output_tokens,
       sum(r.cost_usd) AS cost_usd,
       any_value(t.top_model_name) AS most_expensive_model,
       sum(t.cost_at_top_usd) AS cost_on_most_expensive_usd,
       sum(t.cost_at_top_usd) - sum(r.cost_usd) AS saving_usd,
       count(*) FILTER (WHERE r.cost_usd IS NULL) AS unpriced_runs
FROM runs r
LEFT JOIN at_top t ON t.event_id = r.event_id
GROUP BY r.command, r.model_name, coalesce(r.thinking_budget_tokens, 0);

------------------------------------------------------------------------------------------------------------
-- Price changes (the audit trail of dim_model_price)
------------------------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW v_price_changes AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_price_change WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       p.model_name, p.provider, p.valid_from, p.valid_to, p.is_current,
       p.input_usd_per_token, p.output_usd_per_token, p.cache_write_5m_usd_per_token,
       p.cache_write_1h_usd_per_token, p.cache_read_usd_per_token, p.tier_threshold_tokens,
       p.tier_input_usd_per_token, p.tier_output_usd_per_token, p.tier_cache_write_5m_usd_per_token,
       p.tier_cache_write_1h_usd_per_token, p.tier_cache_read_usd_per_token,
       p.max_input_tokens, p.max_output_tokens, p.price_hash,
       f.price_source, f.source_file, f.attributes
FROM fact_price_change f
LEFT JOIN dim_model_price p ON p.model_price_key = f.model_price_key;
