-- The agent's regressions: tests green before a session's commit and red on it. Parameter: since when.
SELECT session_id, commit_sha, committed_at, class_name, test_name, status, failure_message, green_commit_sha,
       green_at, red_at
FROM v_agent_regressions
WHERE red_at >= ?
ORDER BY red_at, session_id, class_name, test_name;
