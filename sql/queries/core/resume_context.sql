-- Resume context: what was I doing in the most recent session? (use case 1: continuity on resume)
-- Parameters: 1 = how many actions (newest first).
-- Newest by when it happened, but a record dated more than a day after it was recorded (a clock gone
-- wrong) counts as recorded a day later, so that it does not stay on top forever.
WITH last_session AS (
    SELECT session_id
    FROM v_tool_calls
    WHERE session_id IS NOT NULL
    ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC, event_id
    LIMIT 1
)
SELECT occurred_at, session_id, agent_name, task_id, task_description, task_type,
       action_type, tool_name, target_path, is_success, error_type, duration_ms, attributes
FROM v_tool_calls
WHERE session_id = (SELECT session_id FROM last_session)
  AND NOT is_superseded
ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC, event_id
LIMIT ?;
