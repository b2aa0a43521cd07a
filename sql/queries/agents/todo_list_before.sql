-- The todo list of one agent in one session as its last snapshot before a time left it: each item's todo id,
-- task, position and status at that time. Read by the todo snapshot mapping to match a new list to the old
-- one. Parameters: 1 = session id, 2 = agent name, 3 = the new snapshot's time (twice).
WITH mine AS (
    SELECT f.todo_id, f.task, f.position, f.occurred_at
    FROM fact_todo f
    JOIN dim_session s ON s.session_key = f.session_key
    JOIN dim_agent a ON a.agent_key = f.agent_key
    WHERE s.session_id = ? AND a.agent_name = ? AND f.occurred_at < ?
      AND f.context->>'$.auto_synced' = 'true'),
latest AS (SELECT max(occurred_at) AS at FROM mine)
SELECT m.todo_id, m.task, m.position, m.occurred_at,
       (SELECT arg_max(st.status, (st.occurred_at, st.recorded_at)) FROM fact_todo_status st
        WHERE st.todo_id = m.todo_id AND st.occurred_at < ?) AS status
FROM mine m JOIN latest l ON m.occurred_at = l.at
ORDER BY m.position;
