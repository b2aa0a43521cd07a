-- TODOs created from FLAGS (the reference's "context->>'$.flag_id' IS NOT NULL").
SELECT * FROM v_todos WHERE context->>'$.flag_id' IS NOT NULL ORDER BY created_at, todo_id;
