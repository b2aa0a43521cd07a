-- Current memories whose JSON text contains a text, case-insensitively, largest first within an agent.
-- Parameters: $1 = the text.
SELECT agent_name, memory_type, version, valid_from, recorded_at, content_bytes, content
FROM v_memory_current
WHERE contains(lower(CAST(content AS VARCHAR)), lower(CAST($1 AS VARCHAR)))
ORDER BY agent_name, memory_type;
