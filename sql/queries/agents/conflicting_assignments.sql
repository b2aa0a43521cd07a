-- Are two agents about to conflict on the same file? (use case 4) Pairs of different work items on the same
-- target path, both in progress, each held by an accepted assignment.
SELECT w1.work_id AS work1, w2.work_id AS work2, wa1.agent_name AS agent1, wa2.agent_name AS agent2,
       w1.target_path
FROM v_work_assignments wa1
JOIN v_work_assignments wa2 ON wa2.work_id <> wa1.work_id
JOIN v_work_items w1 ON w1.work_id = wa1.work_id
JOIN v_work_items w2 ON w2.work_id = wa2.work_id
WHERE w1.target_path = w2.target_path
  AND w1.status = 'in_progress' AND w2.status = 'in_progress'
  AND wa1.is_holding AND wa2.is_holding
  AND w1.work_id < w2.work_id
ORDER BY w1.target_path, work1, work2;
