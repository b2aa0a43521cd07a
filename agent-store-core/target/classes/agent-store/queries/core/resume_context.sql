-- Resume context: what was I doing in the most recent session? (use case 1: continuity on resume)
-- Parameters: 1 = how many actions (newest first).
WITH last_session AS (
    SELECT session_id
    FROM v_tool_calls
    WHERE session_id IS NOT NULL
    ORDER BY occurred_at DESC, event_id
    LIMIT 1
)
SELECT occurred_at, session_id, agent_name, task_id, task_description, task_type,
       action_type, tool_name, target_path, is_success, error_type, duration_ms, attributes
FROM v_tool_calls
WHERE session_id = (SELECT session_id FROM last_session)
  AND NOT is_superseded
ORDER BY occurred_at DESC, event_id
LIMIT ?;
