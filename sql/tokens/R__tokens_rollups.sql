-- agent-store tokens macros of the daily API call rollup (agg_api_call_daily, V2__tokens_rollups.sql): the
-- rows it holds computed from the raw facts, the change one writer batch makes to them, and whether the table is
-- current. Re-applied whenever this file changes. Not part of the SQL contract: the v_* views are, and the test
-- RollupViewsTest checks that the views reading the rollup answer what aggregating the raw facts answers.

-- The price-dependent sums of one API call, priced like v_api_call_costs (the version valid at occurred_at).
-- Used below on fact_api_call rows f joined to v_model_price_versions pv; sign is 1 to add, -1 to take away.
CREATE OR REPLACE MACRO tokens_call_cost(p, i, o, cr, w5, w1) AS
    tokens_cost_usd(p, i, o, cr, w5, w1);
CREATE OR REPLACE MACRO tokens_call_uncached_cost(p, i, o, cr, w5, w1) AS
    (i + cr + w5 + w1) * tokens_input_price(p, tokens_above_tier(p, i + cr + w5 + w1))
    + o * tokens_output_price(p, tokens_above_tier(p, i + cr + w5 + w1));

-- Whether agg_api_call_daily reflects every row of fact_api_call (see V2__tokens_rollups.sql); an empty state is stale.
CREATE OR REPLACE MACRO tokens_api_call_daily_current() AS
    coalesce((SELECT api_call_rows FROM agg_api_call_daily_state) = (SELECT count(*) FROM fact_api_call), false);

-- Every row the rollup holds, computed from the raw facts (calls not superseded): how the writer rebuilds it.
-- With only_if_stale the macro yields no rows while the rollup is current (the views' fallback below). With
-- partial_day_after (an instant) only the calls after that instant on its own UTC day are aggregated: the part of
-- a rolling window's first day that the whole-day rows of the rollup cannot answer (tokens_api_call_days_since).
CREATE OR REPLACE MACRO tokens_api_call_daily_rows(only_if_stale := false, partial_day_after := NULL) AS TABLE
WITH wanted AS (
    SELECT true AS yes WHERE NOT only_if_stale OR NOT tokens_api_call_daily_current()
),
calls AS (
    -- a semi join with the one-row (or empty) wanted, not a filter: when the rollup is current and only_if_stale
    -- is set, the join has nothing to build and DuckDB skips the scan of fact_api_call altogether
    SELECT f.* FROM fact_api_call f
    SEMI JOIN wanted w ON w.yes = (f.event_id IS NOT NULL)
    WHERE (partial_day_after IS NULL
           OR (f.occurred_at > partial_day_after
               AND f.occurred_at < timezone('UTC', CAST(tokens_utc_day(partial_day_after) + 1 AS TIMESTAMP))))
      AND f.event_id NOT IN (SELECT supersedes_event_id FROM fact_api_call WHERE supersedes_event_id IS NOT NULL)
)
SELECT tokens_utc_day(f.occurred_at) AS day, f.model_key, f.agent_key,
       struct_extract(pv.price, 'model_price_key') AS model_price_key,
       count(*) AS calls,
       CAST(sum(f.input_tokens) AS BIGINT) AS input_tokens,
       CAST(sum(f.output_tokens) AS BIGINT) AS output_tokens,
       CAST(sum(f.cache_read_tokens) AS BIGINT) AS cache_read_tokens,
       CAST(sum(f.cache_write_5m_tokens) AS BIGINT) AS cache_write_5m_tokens,
       CAST(sum(f.cache_write_1h_tokens) AS BIGINT) AS cache_write_1h_tokens,
       sum(tokens_call_cost(pv.price, f.input_tokens, f.output_tokens, f.cache_read_tokens,
                            f.cache_write_5m_tokens, f.cache_write_1h_tokens)) AS cost_usd_sum,
       sum(tokens_call_uncached_cost(pv.price, f.input_tokens, f.output_tokens, f.cache_read_tokens,
                                     f.cache_write_5m_tokens, f.cache_write_1h_tokens)) AS uncached_cost_usd_sum,
       count(f.reported_cost_usd) AS reported_calls,
       CAST(coalesce(sum(f.reported_cost_usd), 0) AS DECIMAL(38,6)) AS reported_cost_usd_sum
FROM calls f
LEFT JOIN v_model_price_versions pv ON pv.model_key = f.model_key
    AND tokens_price_valid_at(pv.valid_from, pv.valid_to, f.occurred_at)
GROUP BY ALL;

-- What the writer batch recorded at instant batch_at changes: its calls that nothing supersedes are added, and calls
-- recorded before it that it supersedes (and that nothing earlier superseded, so they were counted) are taken away.
CREATE OR REPLACE MACRO tokens_api_call_daily_delta(batch_at) AS TABLE
WITH changed AS (
    SELECT f.*, 1 AS sign FROM fact_api_call f
    WHERE f.recorded_at = batch_at
      AND f.event_id NOT IN (SELECT supersedes_event_id FROM fact_api_call WHERE supersedes_event_id IS NOT NULL)
    UNION ALL
    SELECT f.*, -1 AS sign FROM fact_api_call f
    WHERE f.recorded_at < batch_at
      AND f.event_id IN (SELECT supersedes_event_id FROM fact_api_call
                         WHERE recorded_at = batch_at AND supersedes_event_id IS NOT NULL)
      AND f.event_id NOT IN (SELECT supersedes_event_id FROM fact_api_call
                             WHERE recorded_at < batch_at AND supersedes_event_id IS NOT NULL)
)
SELECT tokens_utc_day(f.occurred_at) AS day, f.model_key, f.agent_key,
       struct_extract(pv.price, 'model_price_key') AS model_price_key,
       CAST(sum(f.sign) AS BIGINT) AS calls,
       CAST(sum(f.sign * f.input_tokens) AS BIGINT) AS input_tokens,
       CAST(sum(f.sign * f.output_tokens) AS BIGINT) AS output_tokens,
       CAST(sum(f.sign * f.cache_read_tokens) AS BIGINT) AS cache_read_tokens,
       CAST(sum(f.sign * f.cache_write_5m_tokens) AS BIGINT) AS cache_write_5m_tokens,
       CAST(sum(f.sign * f.cache_write_1h_tokens) AS BIGINT) AS cache_write_1h_tokens,
       sum(f.sign * tokens_call_cost(pv.price, f.input_tokens, f.output_tokens, f.cache_read_tokens,
                                     f.cache_write_5m_tokens, f.cache_write_1h_tokens)) AS cost_usd_sum,
       sum(f.sign * tokens_call_uncached_cost(pv.price, f.input_tokens, f.output_tokens, f.cache_read_tokens,
                                              f.cache_write_5m_tokens, f.cache_write_1h_tokens)) AS uncached_cost_usd_sum,
       CAST(coalesce(sum(f.sign) FILTER (WHERE f.reported_cost_usd IS NOT NULL), 0) AS BIGINT) AS reported_calls,
       CAST(coalesce(sum(f.sign * f.reported_cost_usd), 0) AS DECIMAL(38,6)) AS reported_cost_usd_sum
FROM changed f
LEFT JOIN v_model_price_versions pv ON pv.model_key = f.model_key
    AND tokens_price_valid_at(pv.valid_from, pv.valid_to, f.occurred_at)
GROUP BY ALL;

-- The rollup's rows that count: groups whose calls were all superseded keep a row with zero calls.
-- While the rollup is stale (after an erase or a retention purge, until the next writable open rebuilds it, or in a
-- read-only open of such a file) the same rows are computed from the raw facts, so the views never answer from
-- missing or erased sums.
CREATE OR REPLACE MACRO tokens_api_call_days() AS TABLE
SELECT * FROM agg_api_call_daily WHERE calls <> 0 AND tokens_api_call_daily_current()
UNION ALL BY NAME
SELECT * FROM tokens_api_call_daily_rows(only_if_stale := true) WHERE calls <> 0;

-- The rollup's rows for the calls that occurred after instant since (a rolling window such as the last 30 days:
-- since = agent_store_now() - 30 days, no upper bound, like tokens_within_days): the rollup's whole days after
-- since's UTC day, and that first day's calls after since aggregated from the raw facts. Summing these rows per
-- agent or model answers what aggregating v_api_call_costs over the window answers (RollupViewsTest).
CREATE OR REPLACE MACRO tokens_api_call_days_since(since) AS TABLE
SELECT * FROM tokens_api_call_days() WHERE day > tokens_utc_day(since)
UNION ALL BY NAME
SELECT * FROM tokens_api_call_daily_rows(partial_day_after := since) WHERE calls <> 0;
