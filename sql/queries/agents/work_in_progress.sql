-- What work is currently in progress? (use case 4) Accepted assignments that still hold (lease not expired)
-- of work items whose status is in_progress or assigned.
SELECT w.work_type, w.target_path, wa.agent_name, wa.assigned_at, wa.lease_expires_at, w.work_id
FROM v_work_assignments wa
JOIN v_work_items w ON w.work_id = wa.work_id
WHERE wa.is_holding
  AND w.status IN ('in_progress', 'assigned')
ORDER BY wa.assigned_at, w.work_id;
