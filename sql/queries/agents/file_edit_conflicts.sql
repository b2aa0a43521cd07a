-- Conflicts found in what really happened: two sessions (or agents) that edited the same file within 30
-- minutes of each other (v_file_edit_overlaps), one row per file and pair of parties, with the first and last
-- overlapping edit and how many pairs of edits overlapped. Parameters: 1, 2 = a target path, or NULL for all.
SELECT target_path,
       least(coalesce(session1, ''), coalesce(session2, '')) AS party_session1,
       greatest(coalesce(session1, ''), coalesce(session2, '')) AS party_session2,
       arg_min(agent1, first_edit_at) AS agent1, arg_min(agent2, first_edit_at) AS agent2,
       arg_min(session1, first_edit_at) AS session1, arg_min(session2, first_edit_at) AS session2,
       min(first_edit_at) AS first_edit_at, max(second_edit_at) AS second_edit_at,
       count(*) AS overlapping_pairs,
       list(DISTINCT first_event_id) || list(DISTINCT second_event_id) AS edit_event_ids
FROM v_file_edit_overlaps
WHERE (CAST(? AS VARCHAR) IS NULL OR target_path = ?)
GROUP BY target_path, party_session1, party_session2,
         CASE WHEN coalesce(session1, '') = coalesce(session2, '')
              THEN least(coalesce(agent1, ''), coalesce(agent2, '')) || '|' || greatest(coalesce(agent1, ''), coalesce(agent2, '')) END
ORDER BY first_edit_at, target_path;
