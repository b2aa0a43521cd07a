-- Did the tests pass after the agent's change? For each commit a session produced, the test runs on that
-- commit: how many, whether the first and the latest were green. Parameter: the session id.
WITH runs AS (
    SELECT commit_sha, occurred_at, is_green, passed, failed, errors, total_tests
    FROM v_test_runs
    WHERE NOT is_superseded AND commit_sha IS NOT NULL
)
SELECT cs.commit_sha, cs.committed_at,
       count(r.commit_sha) AS runs,
       arg_min(r.is_green, r.occurred_at) AS first_run_green,
       arg_max(r.is_green, r.occurred_at) AS latest_run_green,
       arg_max(r.failed + r.errors, r.occurred_at) AS latest_run_red_tests
FROM v_commit_sessions cs
LEFT JOIN runs r ON r.commit_sha = cs.commit_sha
WHERE cs.session_id = ?
GROUP BY cs.commit_sha, cs.committed_at
ORDER BY cs.committed_at;
