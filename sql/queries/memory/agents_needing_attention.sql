-- Agents whose latest health check is not healthy, worst first (critical, oversized, degraded), with what
-- to do: the original's "respond to critical and oversized quickly".
SELECT agent_name, status, drift_score, confidence_score, memory_size_kb, needs_compaction, recommendations,
       checked_at
FROM v_agent_health
WHERE status <> 'healthy'
ORDER BY CASE status WHEN 'critical' THEN 0 WHEN 'oversized' THEN 1 ELSE 2 END, drift_score DESC, agent_name;
