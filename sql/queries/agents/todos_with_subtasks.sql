-- TODOs with subtasks, the least advanced first (the reference's ORDER BY subtasks_completed / subtasks_total).
SELECT t.todo_id, t.task, t.status, t.subtasks_total,
       count(c.todo_id) FILTER (WHERE c.status = 'completed') AS subtasks_completed
FROM v_todos t
LEFT JOIN v_todos c ON c.parent_todo_id = t.todo_id
WHERE t.subtasks_total > 0
GROUP BY t.todo_id, t.task, t.status, t.subtasks_total, t.created_at
ORDER BY count(c.todo_id) FILTER (WHERE c.status = 'completed') / t.subtasks_total, t.created_at, t.todo_id;
