-- TODOs from Claude's TodoWrite (the reference's "context->>'$.claude_id' IS NOT NULL"; here every todo
-- synced from a TodoWrite list carries context.auto_synced = true and the session it came from).
SELECT * FROM v_todos WHERE context->>'$.auto_synced' = 'true' ORDER BY session_id, position, created_at;
