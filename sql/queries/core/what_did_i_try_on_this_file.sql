-- What did I try last time I worked on this file? (use case 1: agent memory)
-- Parameters: 1 = file path, 2 = how many attempts (newest first).
SELECT occurred_at, session_id, agent_name, task_id, task_description, task_type,
       action_type, tool_name, target_path, is_success, error_type, duration_ms, attributes
FROM v_tool_calls
WHERE target_path = ?
  AND NOT is_superseded
ORDER BY occurred_at DESC, event_id
LIMIT ?;
