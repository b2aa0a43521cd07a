-- Flaky tests ranked by flips (green/red changes between executions plus failed-then-passed reruns).
-- Parameter: the number of tests to list.
SELECT class_name, test_name, flips, flaky_runs, flips + flaky_runs AS instability, executions, failures, reruns,
       last_ran_at
FROM v_flaky_tests
ORDER BY instability DESC, failures DESC, class_name, test_name
LIMIT ?;
