-- What did I try last time I worked on this file? (use case 1: agent memory)
-- Parameters: 1 = file path, 2 = how many attempts (newest first).
-- Newest by when it happened, but a record dated more than a day after it was recorded (a clock gone
-- wrong) counts as recorded a day later, so that it does not stay on top forever.
SELECT occurred_at, session_id, agent_name, task_id, task_description, task_type,
       action_type, tool_name, target_path, is_success, error_type, duration_ms, attributes
FROM v_tool_calls
WHERE target_path = ?
  AND NOT is_superseded
ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC, event_id
LIMIT ?;
