-- The most relevant job to resume for a project: among its jobs that are not completed, the one with the
-- latest activity (transition, session link or session summary); ties go to open (active or resumed) jobs,
-- then to the job id. Parameters: $1 = project.
SELECT *
FROM v_jobs
WHERE project = CAST($1 AS VARCHAR) AND status <> 'completed'
ORDER BY last_activity_at DESC, CASE WHEN status IN ('active', 'resumed') THEN 0 ELSE 1 END, job_id
LIMIT 1;
