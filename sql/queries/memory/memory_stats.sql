-- Memory usage per agent (the original's /db stats): current memory types, total KB, the largest type and
-- how many types are over their compaction limit.
SELECT agent_name,
       count(*) AS memory_types,
       round(sum(content_bytes) / 1024.0, 1) AS total_kb,
       arg_max(memory_type, content_bytes) AS largest_memory_type,
       count(*) FILTER (WHERE is_over_limit) AS types_over_limit
FROM v_memory_sizes
GROUP BY agent_name
ORDER BY total_kb DESC, agent_name;
