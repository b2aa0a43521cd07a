-- agent-store tokens views and macros, token usage per component, component sizes and budgets, cost allocation:
-- part of the stable, documented SQL contract of the tokens schema. Re-applied whenever this file changes.
-- Repeatable scripts run in the order TokensModule.repeatables() lists them (prices, costs, windows, components,
-- context, routing); a view here may use the macros and views of the files before it. Like core, views call
-- agent_store_now() instead of current_timestamp.

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
       tokens_cost_usd(pv.price, f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens,
                       f.cache_write_1h_tokens) AS cost_usd,
       f.attributes
FROM base f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_component co ON co.component_key = f.component_key
LEFT JOIN v_model_price_versions pv ON pv.model_key = f.model_key
    AND tokens_price_valid_at(pv.valid_from, pv.valid_to, f.occurred_at);

-- What is eating the context: per component, how many tokens it brings in, over the last `days` days (the table
-- macro; NULL for all time), over all time (v_context_consumers) and over 7 days (v_context_consumers_7d).
CREATE OR REPLACE MACRO tokens_context_consumers(days) AS TABLE
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
  AND (days IS NULL OR tokens_within_days(occurred_at, days))
GROUP BY component_name;

CREATE OR REPLACE VIEW v_context_consumers AS SELECT * FROM tokens_context_consumers(NULL);

CREATE OR REPLACE VIEW v_context_consumers_7d AS SELECT * FROM tokens_context_consumers(7);

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
