-- Recent commands with the model and thinking budget they ran with (command tracking).
-- Parameters: 1 = how many runs (newest first).
SELECT occurred_at, command, model_name, thinking_budget_tokens, duration_ms, is_success, session_id, cost_usd
FROM v_command_runs
WHERE NOT is_superseded
ORDER BY occurred_at DESC, event_id
LIMIT ?;
