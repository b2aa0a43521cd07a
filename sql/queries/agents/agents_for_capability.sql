-- Which agent should I assign this work to? (use case 4) Agents with the capability, best proficiency first,
-- then the fewest work items they currently hold. Parameter: 1 = capability name.
SELECT m.agent_name, m.proficiency,
       count(DISTINCT wa.work_id) AS current_workload
FROM v_agent_capability_map m
LEFT JOIN v_work_assignments wa ON wa.agent_name = m.agent_name AND wa.is_holding
WHERE m.capability_name = ?
GROUP BY m.agent_name, m.proficiency
ORDER BY m.proficiency DESC, current_workload ASC, m.agent_name;
