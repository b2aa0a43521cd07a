-- The open jobs (the original's /jobs: active and paused), most recently active first, with their latest
-- session summary's next-session priority.
SELECT j.job_id, j.title, j.project, j.status, j.status_reason, j.created_at, j.paused_at, j.resumed_at,
       j.pause_reason, j.sessions, j.last_activity_at,
       (SELECT s.next_session_priority FROM v_session_summaries s WHERE s.job_id = j.job_id
        ORDER BY s.occurred_at DESC, s.recorded_at DESC LIMIT 1) AS next_session_priority
FROM v_jobs j
WHERE j.status <> 'completed'
ORDER BY j.last_activity_at DESC, j.job_id;
