-- The original's "Health Metrics Dashboard": the health status of all agents, every check, highest drift
-- first. Original:
--   SELECT a.name, h.status, h.drift_score, h.memory_size_kb, h.needs_compaction, h.checked_at
--   FROM agent_health h JOIN agents a ON h.agent_id = a.id ORDER BY h.drift_score DESC;
SELECT agent_name AS name, status, drift_score, memory_size_kb, needs_compaction, checked_at
FROM v_agent_health_checks
WHERE NOT is_superseded
ORDER BY drift_score DESC, checked_at DESC, name;
