-- Which test broke since a moment: tests green on their previous execution and red on this one, with the
-- failure message and the commits before and after. Parameter: since when (an instant).
SELECT class_name, test_name, broke_at, status, failure_message, commit_sha, last_green_at, last_green_commit_sha
FROM v_test_regressions
WHERE broke_at >= ?
ORDER BY broke_at, class_name, test_name;
