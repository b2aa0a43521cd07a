-- agent-store tokens views and macros, 5-hour usage windows: part of the stable, documented SQL contract of the
-- tokens schema. Re-applied whenever this file changes. Repeatable scripts run in the order
-- TokensModule.repeatables() lists them (prices, costs, windows, components, context, routing); a view here may
-- use the macros and views of the files before it. Like core, views call agent_store_now() instead of
-- current_timestamp.

------------------------------------------------------------------------------------------------------------
-- 5-hour usage windows (the billing blocks of subscription plans, as ccusage computes them): a window starts
-- at the hour of its first call (UTC); a call more than 5 hours after its window's start, or more than
-- 5 hours after the previous call, starts a new window.
------------------------------------------------------------------------------------------------------------
-- v_usage_window_calls: the window of each call (one row per API call that is not superseded).
CREATE OR REPLACE VIEW v_usage_window_calls AS
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
SELECT event_id, window_start FROM assigned;

-- v_usage_windows: one row per 5-hour window with its calls, tokens and cost.
CREATE OR REPLACE VIEW v_usage_windows AS
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
FROM v_usage_window_calls a
JOIN v_api_call_costs c ON c.event_id = a.event_id
GROUP BY a.window_start;
