-- agent-store quality views: the stable, documented SQL contract of the quality schema.
-- Re-applied whenever this file changes. Time windows use agent_store_now() (core), never current_timestamp.

-- One row per fact with the natural keys of its dimensions; is_superseded marks corrected facts.
CREATE OR REPLACE VIEW v_quality_measurements AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_quality_measurement WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.artifact_path, a.artifact_type, c.component_name, c.component_type,
       m.metric_name, m.metric_type, m.pass_threshold,
       f.measured_by, f.score, f.is_passed, f.error_count, f.warning_count, f.details, f.attributes
FROM fact_quality_measurement f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_artifact a ON a.artifact_key = f.artifact_key
LEFT JOIN dim_component c ON c.component_key = a.component_key
LEFT JOIN dim_quality_metric m ON m.quality_metric_key = f.quality_metric_key;

CREATE OR REPLACE VIEW v_validations AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_validation WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, c.component_name, c.component_type, c.file_path AS component_path,
       a.artifact_path, a.artifact_type,
       f.validator_name, f.validator_version, f.is_valid, f.error_count, f.warning_count, f.errors, f.warnings,
       f.trigger_type, f.attributes
FROM fact_validation f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_component c ON c.component_key = f.component_key
LEFT JOIN dim_artifact a ON a.artifact_key = f.artifact_key;

CREATE OR REPLACE VIEW v_test_runs AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_test_run WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.artifact_path, a.artifact_type,
       f.framework, f.total_tests, f.passed, f.failed, f.errors, f.skipped, f.flaky, f.duration_ms, f.exit_code,
       f.log_path, f.report_path, f.report_hash, f.repository, f.commit_sha, f.commit_rule,
       -- NULL when nothing says: a run seen only as a command whose output held no summary, without a failing exit
       CASE WHEN f.failed + f.errors > 0 OR coalesce(f.exit_code, 0) <> 0 THEN false
            WHEN f.attributes->>'counts_known' = 'false' THEN NULL
            ELSE true END AS is_green,
       f.attributes
FROM fact_test_run f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_artifact a ON a.artifact_key = f.artifact_key;

-- Test cases with the run they belong to (ran_at, commit, framework).
CREATE OR REPLACE VIEW v_test_cases AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_test_case WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       f.test_run_id, t.class_name, t.test_name, f.suite_name, f.status, f.duration_ms, f.failure_type,
       f.failure_message, f.is_flaky, f.rerun_count,
       r.occurred_at AS ran_at, r.framework, r.commit_sha, r.report_path,
       f.attributes
FROM fact_test_case f
JOIN dim_test_case t ON t.test_case_key = f.test_case_key
LEFT JOIN fact_test_run r ON r.event_id = f.test_run_id;

CREATE OR REPLACE VIEW v_commits AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_commit WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       f.repository, f.commit_sha, f.parent_shas, f.author_name, f.author_email, f.authored_at, f.message,
       f.files_changed, f.lines_added, f.lines_deleted, f.attributes
FROM fact_commit f;

CREATE OR REPLACE VIEW v_commit_files AS
SELECT m.event_id, m.occurred_at, m.recorded_at, m.supersedes_event_id,
       m.event_id IN (SELECT supersedes_event_id FROM commit_file_map WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       m.commit_sha, fl.file_path, m.relative_path, m.lines_added, m.lines_deleted, m.attributes
FROM commit_file_map m
JOIN dim_file fl ON fl.file_key = m.file_key;

-- Per suite of a run: the counts a JUnit <testsuite> element carries (tests, failures, errors, skipped).
CREATE OR REPLACE VIEW v_test_suites AS
SELECT test_run_id, report_path, suite_name,
       count(*) AS tests,
       count(*) FILTER (WHERE status = 'failed') AS failures,
       count(*) FILTER (WHERE status = 'error') AS errors,
       count(*) FILTER (WHERE status = 'skipped') AS skipped,
       count(*) FILTER (WHERE is_flaky) AS flakes,
       sum(duration_ms) AS duration_ms
FROM v_test_cases
WHERE NOT is_superseded
GROUP BY test_run_id, report_path, suite_name;

-- Use case 3, "Is this skill getting better or worse over time?": validations per component and week.
CREATE OR REPLACE VIEW v_validation_trend_weekly AS
SELECT coalesce(component_name, artifact_path) AS subject, date_trunc('week', occurred_at) AS week,
       avg(is_valid::INTEGER) AS pass_rate, avg(error_count) AS avg_errors, count(*) AS validations
FROM v_validations
WHERE NOT is_superseded
GROUP BY ALL;

-- Use case 3, "Test pass rate over time": per day, all runs (the reference query adds the 90-day window).
CREATE OR REPLACE VIEW v_test_pass_rate_daily AS
SELECT date_trunc('day', occurred_at) AS day,
       sum(passed)::DOUBLE / nullif(sum(total_tests), 0) AS pass_rate,
       avg(duration_ms) / 1000.0 AS avg_duration_seconds,
       count(*) AS runs
FROM v_test_runs
WHERE NOT is_superseded
GROUP BY ALL;

-- Use case 3, "Which artifacts have never been validated?" (the reference adds: first seen over 7 days ago).
CREATE OR REPLACE VIEW v_never_validated_artifacts AS
SELECT a.artifact_path, a.artifact_type, c.component_name, a.first_seen_at
FROM dim_artifact a
LEFT JOIN dim_component c ON c.component_key = a.component_key
WHERE NOT EXISTS (SELECT 1 FROM fact_validation v
                  WHERE v.artifact_key = a.artifact_key
                     OR (a.component_key IS NOT NULL AND v.component_key = a.component_key));

-- Use case 3, "Did quality regress after the last update?": a validation that failed right after one that passed.
CREATE OR REPLACE VIEW v_validation_regressions AS
WITH recent AS (
    SELECT coalesce(component_name, artifact_path) AS subject, occurred_at, is_valid, validator_name,
           error_count, errors,
           lag(is_valid) OVER (PARTITION BY coalesce(component_name, artifact_path) ORDER BY occurred_at, event_id) AS prev_valid
    FROM v_validations
    WHERE NOT is_superseded
)
SELECT subject, occurred_at AS validated_at, prev_valid AS was_valid, is_valid AS now_valid, validator_name,
       error_count, errors
FROM recent
WHERE prev_valid = TRUE AND is_valid = FALSE;

-- Every execution of every test, with the outcome of its previous execution (skips left out).
CREATE OR REPLACE VIEW v_test_case_history AS
SELECT class_name, test_name, ran_at, status, is_flaky, rerun_count, duration_ms, failure_message,
       commit_sha, test_run_id, event_id,
       lag(status) OVER w AS prev_status,
       lag(commit_sha) OVER w AS prev_commit_sha,
       lag(ran_at) OVER w AS prev_ran_at
FROM v_test_cases
WHERE NOT is_superseded AND status <> 'skipped'
WINDOW w AS (PARTITION BY class_name, test_name ORDER BY ran_at, event_id);

-- "Which test broke": a test that passed on its previous execution and failed or errored on this one.
CREATE OR REPLACE VIEW v_test_regressions AS
SELECT class_name, test_name, ran_at AS broke_at, status, failure_message, commit_sha,
       prev_ran_at AS last_green_at, prev_commit_sha AS last_green_commit_sha, test_run_id
FROM v_test_case_history
WHERE prev_status = 'passed' AND status IN ('failed', 'error');

-- Flaky tests ranked by flips: changes between green and red from one execution to the next, plus the
-- executions that failed and passed on a rerun within one run (Surefire's <flakyFailure>).
CREATE OR REPLACE VIEW v_flaky_tests AS
SELECT class_name, test_name,
       count(*) AS executions,
       count(*) FILTER (WHERE prev_status IS NOT NULL AND (prev_status = 'passed') <> (status = 'passed')) AS flips,
       count(*) FILTER (WHERE is_flaky) AS flaky_runs,
       count(*) FILTER (WHERE status IN ('failed', 'error')) AS failures,
       sum(rerun_count) AS reruns,
       max(ran_at) AS last_ran_at
FROM v_test_case_history
GROUP BY class_name, test_name
HAVING count(*) FILTER (WHERE prev_status IS NOT NULL AND (prev_status = 'passed') <> (status = 'passed')) > 0
    OR count(*) FILTER (WHERE is_flaky) > 0;

-- Which session produced which commit: sessions whose file modifications touched the commit's files in the
-- window before it (24 hours, and never before the previous commit that changed the same file).
CREATE OR REPLACE VIEW v_commit_sessions AS
WITH cf AS (
    SELECT f.commit_sha, f.file_path, c.occurred_at AS committed_at, c.repository,
           lag(c.occurred_at) OVER (PARTITION BY f.file_path ORDER BY c.occurred_at, c.commit_sha) AS prev_committed_at
    FROM v_commit_files f
    JOIN v_commits c ON c.commit_sha = f.commit_sha
    WHERE NOT f.is_superseded AND NOT c.is_superseded
)
SELECT cf.commit_sha, cf.repository, cf.committed_at, fm.session_id,
       count(DISTINCT cf.file_path) AS files_touched,
       count(*) AS modifications,
       min(fm.occurred_at) AS first_change_at,
       max(fm.occurred_at) AS last_change_at
FROM cf
JOIN v_file_modifications fm
  ON fm.file_path = cf.file_path
 AND fm.occurred_at <= cf.committed_at
 AND fm.occurred_at > greatest(cf.committed_at - INTERVAL 24 HOUR, coalesce(cf.prev_committed_at, cf.committed_at - INTERVAL 24 HOUR))
WHERE fm.session_id IS NOT NULL AND NOT fm.is_superseded
GROUP BY cf.commit_sha, cf.repository, cf.committed_at, fm.session_id;

-- The agent's regressions: a test green before a session's commit and red on it.
CREATE OR REPLACE VIEW v_agent_regressions AS
SELECT cs.session_id, h.commit_sha, cs.committed_at, h.class_name, h.test_name, h.status, h.failure_message,
       h.ran_at AS red_at, h.prev_ran_at AS green_at, h.prev_commit_sha AS green_commit_sha
FROM v_test_case_history h
JOIN v_commit_sessions cs ON cs.commit_sha = h.commit_sha
WHERE h.prev_status = 'passed' AND h.status IN ('failed', 'error')
  AND h.prev_commit_sha IS DISTINCT FROM h.commit_sha;
