-- Which pending work should this agent take? (suggest_work_for_agent) Work nobody holds, whose type is one of
-- the agent's capabilities first (by proficiency), then the oldest. Parameters: 1 = agent name, 2 = limit.
SELECT w.work_id, w.work_type, w.target_path, w.description, w.created_at, m.proficiency
FROM v_work_items w
LEFT JOIN v_agent_capability_map m ON m.agent_name = ? AND m.capability_name = w.work_type
WHERE w.status = 'pending'
  AND w.work_id NOT IN (SELECT work_id FROM v_work_assignments WHERE is_holding)
ORDER BY m.proficiency DESC NULLS LAST, w.created_at, w.work_id
LIMIT ?;
