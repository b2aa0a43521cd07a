-- Reminders that are due: open todos whose reminder time has passed.
SELECT todo_id, task, priority, reminder_at, due_at, assigned_to
FROM v_todos
WHERE reminder_at <= agent_store_now() AND status NOT IN ('completed', 'cancelled')
ORDER BY reminder_at, todo_id;
