-- The history of a test (get_test_history): every execution, newest first. Parameter: the test name, or
-- ClassName#testName, or ClassName alone.
SELECT class_name, test_name, ran_at, status, is_flaky, rerun_count, duration_ms, failure_message, commit_sha
FROM v_test_case_history
WHERE test_name = $1 OR class_name || '#' || test_name = $1 OR class_name = $1
ORDER BY ran_at DESC, class_name, test_name;
