-- suggest_tests_for_artifact(path): files under a path changed by agents after the latest test run (or
-- with no test run at all), the longest-untested first. Parameter: the path prefix.
WITH last_run AS (
    SELECT max(occurred_at) AS at FROM v_test_runs WHERE NOT is_superseded
)
SELECT fm.file_path, count(*) AS changes_since_last_run, min(fm.occurred_at) AS first_untested_change_at,
       max(fm.occurred_at) AS last_change_at, list(DISTINCT fm.session_id ORDER BY fm.session_id) AS sessions
FROM v_file_modifications fm, last_run
WHERE NOT fm.is_superseded AND starts_with(fm.file_path, ?)
  AND (last_run.at IS NULL OR fm.occurred_at > last_run.at)
GROUP BY fm.file_path
ORDER BY first_untested_change_at, fm.file_path;
