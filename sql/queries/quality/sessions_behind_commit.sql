-- Which session produced which commit: the sessions whose file modifications touched a commit's files in
-- the window before it. Parameter: a commit SHA or its prefix (at least 7 characters is wise).
SELECT commit_sha, committed_at, session_id, files_touched, modifications, first_change_at, last_change_at
FROM v_commit_sessions
WHERE starts_with(commit_sha, ?)
ORDER BY files_touched DESC, session_id;
