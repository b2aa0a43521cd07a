-- Who else is working on this file? (check_conflicts) Open conflicts recorded for the path, agents holding
-- work on it, and other sessions that edited it in the last 30 minutes. Parameter: 1 = target path (three times).
SELECT 'conflict' AS kind, coalesce(agent1, session1) AS party1, coalesce(agent2, session2) AS party2,
       detected_at AS seen_at, conflict_type AS detail
FROM v_conflicts WHERE target_path = ? AND resolution IS NULL
UNION ALL
SELECT 'claim', agent_name, NULL, accepted_at, work_id
FROM v_work_assignments WHERE target_path = ? AND is_holding
UNION ALL
SELECT 'recent_edit', coalesce(agent_name, session_id), session_id, occurred_at, modification_type
FROM v_file_modifications
WHERE file_path = ? AND NOT is_superseded AND occurred_at > agent_store_now() - INTERVAL 30 MINUTE
ORDER BY seen_at DESC, kind, party1;
