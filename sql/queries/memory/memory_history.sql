-- Every version of one memory of an agent in the order the store recorded them, with both derived
-- intervals. Parameters: $1 = agent, $2 = memory type.
SELECT *
FROM v_memory_versions
WHERE agent_name = CAST($1 AS VARCHAR) AND memory_type = CAST($2 AS VARCHAR)
ORDER BY recorded_at, version;
