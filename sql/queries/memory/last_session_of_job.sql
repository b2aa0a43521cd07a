-- Where a job's last session left off (what the original's session_start hook loads): the latest session
-- summary of the job. Parameters: $1 = job id.
SELECT *
FROM v_session_summaries
WHERE job_id = CAST($1 AS VARCHAR)
ORDER BY occurred_at DESC, recorded_at DESC
LIMIT 1;
