-- What did I try last time I worked on this file? (use case 1: agent memory)
-- Parameters: 1 = file path, 2 = how many attempts (newest first).
-- Newest by when it happened, but a record dated more than a day after it was recorded (a clock gone
-- wrong) counts as recorded a day later, so that it does not stay on top forever.
-- The same rows as filtering v_tool_calls by target_path and NOT is_superseded, sorting and limiting it, but the
-- newest calls are chosen on the fact table's narrow columns first (file key, sort key, event id) and only those
-- rows are read in full and joined to their dimensions: a file with 66,000 calls no longer joins all of them.
WITH latest AS (
    SELECT f.rowid AS row_id
    FROM fact_tool_call f
    WHERE f.file_key IN (SELECT file_key FROM dim_file WHERE file_path = ?)
      AND f.event_id NOT IN (SELECT supersedes_event_id FROM fact_tool_call WHERE supersedes_event_id IS NOT NULL)
    ORDER BY least(f.occurred_at, f.recorded_at + INTERVAL 1 DAY) DESC, f.event_id
    LIMIT ?
),
calls AS (
    SELECT * FROM fact_tool_call WHERE rowid IN (SELECT row_id FROM latest)
)
SELECT c.occurred_at, s.session_id, a.agent_name, t.task_id, t.task_description, t.task_type,
       c.action_type, tl.tool_name, fl.file_path AS target_path, c.is_success, c.error_type, c.duration_ms,
       c.attributes
FROM calls c
LEFT JOIN dim_session s ON s.session_key = c.session_key
LEFT JOIN dim_agent a ON a.agent_key = c.agent_key
LEFT JOIN dim_task t ON t.task_key = c.task_key
LEFT JOIN dim_tool tl ON tl.tool_key = c.tool_key
LEFT JOIN dim_file fl ON fl.file_key = c.file_key
ORDER BY least(c.occurred_at, c.recorded_at + INTERVAL 1 DAY) DESC, c.event_id;
