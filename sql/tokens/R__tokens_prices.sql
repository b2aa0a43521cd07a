-- agent-store tokens views and macros, prices: part of the stable, documented SQL contract of the tokens schema.
-- Re-applied whenever this file changes. Repeatable scripts run in the order TokensModule.repeatables() lists
-- them (prices, costs, windows, components, context, routing); a view here may use the macros and views of the
-- files before it. Like core, views call agent_store_now() instead of current_timestamp.
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

-- Every price version of every model of dim_model (the model, the price-table name it is priced as, and the
-- dim_model_price row as the struct price): the one price join of the tokens views. A view finds the
-- version valid at an instant with tokens_price_valid_at(pv.valid_from, pv.valid_to, instant).
CREATE OR REPLACE VIEW v_model_price_versions AS
SELECT pm.model_key, pm.model_name, pm.price_model_name, pm.match_rule, p.valid_from, p.valid_to, p AS price
FROM v_model_price_match pm
JOIN dim_model_price p ON p.model_name = pm.price_model_name;

-- Whether a price version [valid_from, valid_to) is the one in effect at instant (valid_to NULL: current).
CREATE OR REPLACE MACRO tokens_price_valid_at(valid_from, valid_to, instant) AS
    valid_from <= instant AND (valid_to IS NULL OR instant < valid_to);

-- Rolling windows: whether instant ts (or UTC day) lies within the last n days before agent_store_now().
-- The reference queries' *_30d and the views' *_7d variants use these instead of repeating the arithmetic.
CREATE OR REPLACE MACRO tokens_within_days(ts, n) AS ts > agent_store_now() - to_days(CAST(n AS INTEGER));
CREATE OR REPLACE MACRO tokens_day_within_days(d, n) AS
    d > tokens_utc_day(agent_store_now() - to_days(CAST(n AS INTEGER)));

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
