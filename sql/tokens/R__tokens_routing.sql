-- agent-store tokens views and macros, command runs and model routing: part of the stable, documented SQL
-- contract of the tokens schema. Re-applied whenever this file changes. Repeatable scripts run in the order
-- TokensModule.repeatables() lists them (prices, costs, windows, components, context, routing); a view here may
-- use the macros and views of the files before it. Like core, views call agent_store_now() instead of
-- current_timestamp.

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
       tokens_cost_usd(pv.price, f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens,
                       f.cache_write_1h_tokens) AS cost_usd,
       f.attributes
FROM fact_command_run f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_model m ON m.model_key = f.model_key
LEFT JOIN v_model_price_match pm ON pm.model_key = f.model_key
LEFT JOIN v_model_price_versions pv ON pv.model_key = f.model_key
    AND tokens_price_valid_at(pv.valid_from, pv.valid_to, f.occurred_at);

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
        AND tokens_price_valid_at(p.valid_from, p.valid_to, r.occurred_at)
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
