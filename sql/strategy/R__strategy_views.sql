-- agent-store strategy views: the stable, documented SQL contract of the strategy schema.

CREATE OR REPLACE VIEW v_strategy_attempts AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_strategy_attempt WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash, t.task_id, t.task_description, t.task_type,
       st.strategy_name, f.is_success, f.duration_ms, f.outcome_metrics, f.failure_reason, f.test_run_id,
       f.decision_event_id, f.attempt_source, f.attributes
FROM fact_strategy_attempt f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
JOIN dim_strategy st ON st.strategy_key = f.strategy_key;

CREATE OR REPLACE VIEW v_strategy_adjustments AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_strategy_adjustment WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash, f.task_type,
       o.strategy_name AS old_strategy, n.strategy_name AS new_strategy, f.reason, f.confidence, f.based_on_attempts,
       f.attributes
FROM fact_strategy_adjustment f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_strategy o ON o.strategy_key = f.old_strategy_key
JOIN dim_strategy n ON n.strategy_key = f.new_strategy_key;

CREATE OR REPLACE VIEW v_pattern_usage AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_pattern_usage WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, t.task_id, t.task_description, t.task_type, f.pattern_name, f.pattern_source, f.confidence,
       f.time_saved_ms, f.attributes
FROM fact_pattern_usage f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_task t ON t.task_key = f.task_key;

CREATE OR REPLACE VIEW v_route_changes AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_route_change WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       f.command, m.model_name, m.provider, f.thinking_level, f.thinking_budget_tokens, f.reason, f.attributes
FROM fact_route_change f
JOIN dim_model m ON m.model_key = f.model_key;

-- The routing table in effect: the latest route of each command.
CREATE OR REPLACE VIEW v_routing_table AS
SELECT command, arg_max(model_name, occurred_at) AS model_name, arg_max(thinking_level, occurred_at) AS thinking_level,
       arg_max(thinking_budget_tokens, occurred_at) AS thinking_budget_tokens, max(occurred_at) AS routed_since
FROM v_route_changes
WHERE NOT is_superseded
GROUP BY command;

CREATE OR REPLACE VIEW v_workflow_states AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_workflow_state WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, f.state, f.attributes
FROM fact_workflow_state f
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- The current workflow state: one row (none before the first snapshot).
CREATE OR REPLACE VIEW v_workflow_state AS
SELECT occurred_at AS updated_at, session_id, state
FROM v_workflow_states
WHERE NOT is_superseded
ORDER BY occurred_at DESC, recorded_at DESC
LIMIT 1;

CREATE OR REPLACE VIEW v_metadata_changes AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_metadata WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       f.meta_name, f.meta_value, f.attributes
FROM fact_metadata f;

-- The current value of every key (removed keys left out).
CREATE OR REPLACE VIEW v_metadata AS
SELECT meta_name, meta_value, occurred_at AS updated_at
FROM (SELECT meta_name, meta_value, occurred_at,
             row_number() OVER (PARTITION BY meta_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) AS latest
      FROM v_metadata_changes WHERE NOT is_superseded)
WHERE latest = 1 AND meta_value IS NOT NULL;

-- Success of each strategy per task type, over all time.
CREATE OR REPLACE VIEW v_strategy_performance AS
SELECT strategy_name, task_type, count(*) AS attempts, count(*) FILTER (WHERE is_success) AS successes,
       avg(is_success::INTEGER) AS success_rate, avg(duration_ms) AS avg_duration_ms,
       min(occurred_at) AS first_attempt_at, max(occurred_at) AS last_attempt_at
FROM v_strategy_attempts
WHERE NOT is_superseded
GROUP BY strategy_name, task_type;

-- Pattern ROI by pattern and by source (the analytics system's PatternDB.getROI()).
CREATE OR REPLACE VIEW v_pattern_roi AS
SELECT pattern_name, count(*) AS uses, sum(time_saved_ms) / 3600000.0 AS hours_saved, avg(confidence) AS avg_confidence,
       count(DISTINCT task_id) AS tasks, list(DISTINCT pattern_source ORDER BY pattern_source) AS sources
FROM v_pattern_usage
WHERE NOT is_superseded
GROUP BY pattern_name;

CREATE OR REPLACE VIEW v_pattern_roi_by_source AS
SELECT coalesce(pattern_source, '(unknown)') AS pattern_source, count(*) AS uses,
       sum(time_saved_ms) / 3600000.0 AS hours_saved, avg(confidence) AS avg_confidence,
       count(DISTINCT pattern_name) AS patterns
FROM v_pattern_usage
WHERE NOT is_superseded
GROUP BY ALL;

-- The router's evidence: per command and model, the runs (tokens module's fact_command_run), their success
-- rate and average cost.
CREATE OR REPLACE VIEW v_command_model_stats AS
SELECT command, model_name, count(*) AS runs, avg(is_success::INTEGER) AS success_rate,
       avg(cost_usd) AS avg_cost_usd, sum(cost_usd) AS cost_usd, avg(duration_ms) AS avg_duration_ms
FROM v_command_runs
WHERE NOT is_superseded AND model_name IS NOT NULL
GROUP BY command, model_name;

-- Commands that could move to a cheaper model without losing success: a model with a lower average cost per
-- run whose success rate on the same command is at least as high; saving = the runs on the dearer model times
-- the difference in average cost.
CREATE OR REPLACE VIEW v_model_downgrade_candidates AS
SELECT d.command, d.model_name AS current_model, c.model_name AS cheaper_model,
       d.runs AS current_runs, c.runs AS cheaper_runs, d.success_rate AS current_success_rate,
       c.success_rate AS cheaper_success_rate, d.avg_cost_usd AS current_avg_cost_usd, c.avg_cost_usd AS cheaper_avg_cost_usd,
       d.runs * (d.avg_cost_usd - c.avg_cost_usd) AS would_have_saved_usd
FROM v_command_model_stats d
JOIN v_command_model_stats c
  ON c.command = d.command AND c.model_name <> d.model_name
 AND c.avg_cost_usd < d.avg_cost_usd AND c.success_rate >= d.success_rate;
