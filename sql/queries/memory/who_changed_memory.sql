-- Who changed which memory, when, how and why, newest first. Parameters: $1 = agent or NULL for all,
-- $2 = memory type or NULL for all.
SELECT recorded_at, valid_from, agent_name, memory_type, version, change_kind, author_kind, author_name, reason,
       session_id, content_bytes
FROM v_memory_changes
WHERE (CAST($1 AS VARCHAR) IS NULL OR agent_name = CAST($1 AS VARCHAR))
  AND (CAST($2 AS VARCHAR) IS NULL OR memory_type = CAST($2 AS VARCHAR))
ORDER BY recorded_at DESC, agent_name, memory_type, version DESC;
