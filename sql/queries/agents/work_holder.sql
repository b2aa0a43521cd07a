-- Who holds this work item now? The work item and, when an accepted assignment of it still holds (not
-- completed, abandoned or rejected, lease not expired on the store's clock), that assignment; also the accepted
-- assignments whose lease expired. Read by claimWork inside the writer's transaction. Parameter: 1 = work id.
WITH w AS (SELECT work_item_key, work_id FROM dim_work_item WHERE work_id = ?),
steps AS (
    SELECT f.assignment_id, f.agent_key,
           arg_max(f.status, (f.occurred_at, f.recorded_at)) AS status,
           arg_max(f.lease_expires_at, (f.occurred_at, f.recorded_at)) AS lease_expires_at,
           min(f.occurred_at) FILTER (WHERE f.status = 'accepted') AS accepted_at
    FROM fact_work_assignment f JOIN w ON w.work_item_key = f.work_item_key
    GROUP BY f.assignment_id, f.agent_key)
SELECT w.work_id, s.assignment_id, a.agent_name, s.accepted_at, s.lease_expires_at,
       s.status = 'accepted' AND (s.lease_expires_at IS NULL OR s.lease_expires_at > agent_store_now()) AS is_holding
FROM w
LEFT JOIN steps s ON s.status = 'accepted'
LEFT JOIN dim_agent a ON a.agent_key = s.agent_key
ORDER BY is_holding DESC NULLS LAST, s.accepted_at, s.assignment_id;
