-- agent-store core views: the stable, documented SQL contract of the core schema.
-- Re-applied whenever this file changes. Views never filter on wall-clock time directly: they call
-- agent_store_now(), which is the store's clock inside agent-store and current_timestamp elsewhere.

CREATE OR REPLACE MACRO agent_store_now() AS
    coalesce(TRY_CAST(getvariable('agent_store_now') AS TIMESTAMPTZ), current_timestamp);

-- One row per fact with the natural keys of its dimensions. is_superseded marks corrected facts (an IN over
-- the few corrections, not a correlated EXISTS over the whole table: DuckDB builds it once per query).
CREATE OR REPLACE VIEW v_tool_calls AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_tool_call WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       tl.tool_name, tl.tool_type, fl.file_path AS target_path,
       f.action_type, f.is_success, f.error_type, f.duration_ms, f.input_bytes, f.output_bytes,
       f.input_tokens, f.output_tokens, f.attributes
FROM fact_tool_call f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_tool tl ON tl.tool_key = f.tool_key
LEFT JOIN dim_file fl ON fl.file_key = f.file_key;

CREATE OR REPLACE VIEW v_api_calls AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_api_call WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       m.model_name, m.provider, f.request_id,
       f.input_tokens, f.output_tokens, f.cache_read_tokens, f.cache_write_5m_tokens, f.cache_write_1h_tokens,
       f.input_tokens + f.output_tokens + f.cache_read_tokens + f.cache_write_5m_tokens
           + f.cache_write_1h_tokens AS total_tokens,
       f.reported_cost_usd, f.latency_ms, f.is_success, f.error_type, f.attributes
FROM fact_api_call f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_model m ON m.model_key = f.model_key;

CREATE OR REPLACE VIEW v_decisions AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_decision WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       f.decision_type, f.context_hash, f.option_chosen, f.alternatives, f.rationale, f.outcome, f.is_retried,
       f.attributes
FROM fact_decision f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key;

CREATE OR REPLACE VIEW v_task_outcomes AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_task_outcome WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type,
       f.is_success, f.test_pass_rate, f.files_modified, f.total_tokens, f.estimated_ms, f.elapsed_ms,
       f.final_status, f.attributes
FROM fact_task_outcome f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key;

CREATE OR REPLACE VIEW v_session_events AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_session_event WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, s.project, s.working_dir, s.git_branch, s.client_version,
       a.agent_name, a.agent_type, a.system_prompt_hash,
       f.event_type, f.detail, f.attributes
FROM fact_session_event f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

CREATE OR REPLACE VIEW v_errors AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_error WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type, tl.tool_name,
       f.severity, f.error_type, f.message, f.attributes
FROM fact_error f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_tool tl ON tl.tool_key = f.tool_key;

CREATE OR REPLACE VIEW v_file_modifications AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_file_modification WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, a.agent_name, a.agent_type, a.system_prompt_hash,
       t.task_id, t.task_description, t.task_type, tl.tool_name,
       fl.file_path, fl.file_type,
       f.modification_type, f.lines_added, f.lines_deleted, f.chars_added, f.chars_deleted, f.diff_snippet,
       f.attributes
FROM fact_file_modification f
LEFT JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_task t ON t.task_key = f.task_key
LEFT JOIN dim_tool tl ON tl.tool_key = f.tool_key
LEFT JOIN dim_file fl ON fl.file_key = f.file_key;

-- Tool calls of the last 7 days, newest first when ordered by occurred_at; corrections applied. A call dated
-- more than a day after it was recorded (a clock gone wrong) counts as recorded a day later, not as recent forever.
CREATE OR REPLACE VIEW v_recent_actions AS
SELECT occurred_at, session_id, agent_name, task_id, task_type, tool_name, target_path, action_type,
       is_success, error_type, duration_ms, attributes, event_id
FROM v_tool_calls
WHERE NOT is_superseded
  AND least(occurred_at, recorded_at + INTERVAL 1 DAY) > agent_store_now() - INTERVAL 7 DAY;

-- Everything that touched a file: tool calls on it and modifications of it.
CREATE OR REPLACE VIEW v_file_history AS
SELECT target_path AS file_path, occurred_at, session_id, agent_name, task_id, task_type,
       'tool_call' AS event_kind, tool_name, is_success, error_type,
       CAST(NULL AS VARCHAR) AS modification_type, CAST(NULL AS BIGINT) AS lines_added,
       CAST(NULL AS BIGINT) AS lines_deleted, event_id
FROM v_tool_calls
WHERE target_path IS NOT NULL AND NOT is_superseded
UNION ALL
SELECT file_path, occurred_at, session_id, agent_name, task_id, task_type,
       'modification' AS event_kind, tool_name, TRUE AS is_success, CAST(NULL AS VARCHAR) AS error_type,
       modification_type, lines_added, lines_deleted, event_id
FROM v_file_modifications
WHERE NOT is_superseded;

-- Tool usage over all time and over the last 30 days.
CREATE OR REPLACE VIEW v_tool_usage AS
SELECT tool_name, any_value(tool_type) AS tool_type,
       count(*) AS invocations,
       avg(duration_ms) AS avg_duration_ms,
       avg(CAST(is_success AS INTEGER)) AS success_rate,
       count(*) FILTER (WHERE NOT is_success) AS failures,
       max(occurred_at) AS last_used_at
FROM v_tool_calls
WHERE NOT is_superseded
GROUP BY tool_name;

CREATE OR REPLACE VIEW v_tool_usage_30d AS
SELECT tool_name, any_value(tool_type) AS tool_type,
       count(*) AS invocations,
       avg(duration_ms) AS avg_duration_ms,
       avg(CAST(is_success AS INTEGER)) AS success_rate,
       count(*) FILTER (WHERE NOT is_success) AS failures,
       max(occurred_at) AS last_used_at
FROM v_tool_calls
WHERE NOT is_superseded
  AND occurred_at > agent_store_now() - INTERVAL 30 DAY
GROUP BY tool_name;

-- One row per session: its span, activity, tokens, and the streak of consecutive active days (UTC)
-- that its first day belongs to, counted up to that day. A fact dated more than a day after it was recorded
-- (a clock gone wrong) counts as recorded a day later, so that its session is not the latest forever.
CREATE OR REPLACE VIEW v_session_summary AS
WITH activity AS (
    SELECT session_key, occurred_at, recorded_at FROM fact_tool_call
    UNION ALL SELECT session_key, occurred_at, recorded_at FROM fact_api_call
    UNION ALL SELECT session_key, occurred_at, recorded_at FROM fact_session_event
    UNION ALL SELECT session_key, occurred_at, recorded_at FROM fact_file_modification
    UNION ALL SELECT session_key, occurred_at, recorded_at FROM fact_error
),
spans AS (
    SELECT session_key, min(least(occurred_at, recorded_at + INTERVAL 1 DAY)) AS started_at,
           max(least(occurred_at, recorded_at + INTERVAL 1 DAY)) AS ended_at
    FROM activity WHERE session_key IS NOT NULL GROUP BY session_key
),
days AS (
    SELECT DISTINCT CAST(timezone('UTC', started_at) AS DATE) AS day FROM spans
),
islands AS (
    SELECT day, day - CAST(row_number() OVER (ORDER BY day) AS INTEGER) AS island FROM days
),
streaks AS (
    SELECT day, row_number() OVER (PARTITION BY island ORDER BY day) AS day_streak FROM islands
),
tools AS (
    SELECT session_key, count(*) AS tool_calls, count(*) FILTER (WHERE NOT is_success) AS failed_tool_calls
    FROM fact_tool_call f
    WHERE f.event_id NOT IN (SELECT supersedes_event_id FROM fact_tool_call WHERE supersedes_event_id IS NOT NULL)
    GROUP BY session_key
),
api AS (
    SELECT session_key, count(*) AS api_calls,
           CAST(sum(input_tokens + output_tokens + cache_read_tokens + cache_write_5m_tokens
                    + cache_write_1h_tokens) AS BIGINT) AS total_tokens
    FROM fact_api_call f
    WHERE f.event_id NOT IN (SELECT supersedes_event_id FROM fact_api_call WHERE supersedes_event_id IS NOT NULL)
    GROUP BY session_key
),
files AS (
    SELECT session_key, count(DISTINCT file_key) AS files_modified FROM fact_file_modification GROUP BY session_key
),
errors AS (
    SELECT session_key, count(*) AS errors FROM fact_error GROUP BY session_key
)
SELECT s.session_id, s.project, s.working_dir, s.git_branch, s.client_version,
       sp.started_at, sp.ended_at,
       date_diff('millisecond', sp.started_at, sp.ended_at) AS duration_ms,
       coalesce(tools.tool_calls, 0) AS tool_calls,
       coalesce(tools.failed_tool_calls, 0) AS failed_tool_calls,
       coalesce(api.api_calls, 0) AS api_calls,
       coalesce(api.total_tokens, 0) AS total_tokens,
       coalesce(files.files_modified, 0) AS files_modified,
       coalesce(errors.errors, 0) AS errors,
       CAST(timezone('UTC', sp.started_at) AS DATE) AS day,
       streaks.day_streak
FROM spans sp
JOIN dim_session s ON s.session_key = sp.session_key
LEFT JOIN streaks ON streaks.day = CAST(timezone('UTC', sp.started_at) AS DATE)
LEFT JOIN tools ON tools.session_key = sp.session_key
LEFT JOIN api ON api.session_key = sp.session_key
LEFT JOIN files ON files.session_key = sp.session_key
LEFT JOIN errors ON errors.session_key = sp.session_key;

-- How good estimates are, per task type: elapsed / estimated (1.0 is perfect, 2.0 took twice as long).
CREATE OR REPLACE VIEW v_task_estimation_accuracy AS
SELECT coalesce(task_type, '(none)') AS task_type,
       count(*) AS tasks,
       avg(estimated_ms) AS avg_estimated_ms,
       avg(elapsed_ms) AS avg_elapsed_ms,
       avg(CAST(elapsed_ms AS DOUBLE) / estimated_ms) AS avg_ratio,
       median(CAST(elapsed_ms AS DOUBLE) / estimated_ms) AS median_ratio,
       avg(CASE WHEN abs(CAST(elapsed_ms AS DOUBLE) / estimated_ms - 1.0) <= 0.2 THEN 1.0 ELSE 0.0 END)
           AS within_20_percent
FROM v_task_outcomes
WHERE NOT is_superseded AND estimated_ms > 0 AND elapsed_ms IS NOT NULL
GROUP BY 1;

-- Failures per UTC day: tool calls, API calls and recorded errors, with rates.
CREATE OR REPLACE VIEW v_error_rates AS
WITH t AS (
    SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, count(*) AS tool_calls,
           count(*) FILTER (WHERE NOT is_success) AS failed_tool_calls
    FROM v_tool_calls WHERE NOT is_superseded GROUP BY 1
),
a AS (
    SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, count(*) AS api_calls,
           count(*) FILTER (WHERE NOT is_success) AS failed_api_calls
    FROM v_api_calls WHERE NOT is_superseded GROUP BY 1
),
e AS (
    SELECT CAST(timezone('UTC', occurred_at) AS DATE) AS day, count(*) AS errors,
           count(*) FILTER (WHERE severity IN ('error', 'critical')) AS severe_errors
    FROM v_errors WHERE NOT is_superseded GROUP BY 1
),
d AS (SELECT day FROM t UNION SELECT day FROM a UNION SELECT day FROM e)
SELECT d.day,
       coalesce(t.tool_calls, 0) AS tool_calls,
       coalesce(t.failed_tool_calls, 0) AS failed_tool_calls,
       CASE WHEN t.tool_calls > 0 THEN t.failed_tool_calls / t.tool_calls END AS tool_failure_rate,
       coalesce(a.api_calls, 0) AS api_calls,
       coalesce(a.failed_api_calls, 0) AS failed_api_calls,
       CASE WHEN a.api_calls > 0 THEN a.failed_api_calls / a.api_calls END AS api_failure_rate,
       coalesce(e.errors, 0) AS errors,
       coalesce(e.severe_errors, 0) AS severe_errors
FROM d
LEFT JOIN t ON t.day = d.day
LEFT JOIN a ON a.day = d.day
LEFT JOIN e ON e.day = d.day;

-- The watermark of every imported file: where the next run starts.
CREATE OR REPLACE VIEW v_ingest_watermarks AS
SELECT source, file_path,
       arg_max(end_offset, recorded_at) AS end_offset,
       arg_max(last_line_hash, recorded_at) AS last_line_hash,
       arg_max(file_size, recorded_at) AS file_size,
       max(recorded_at) AS last_run_at,
       CAST(sum(lines_read) AS BIGINT) AS lines_read,
       CAST(sum(records) AS BIGINT) AS records,
       CAST(sum(error_count) AS BIGINT) AS error_count,
       count(*) AS runs
FROM fact_ingest_run
GROUP BY source, file_path;

-- One row per import run of one file (the facts behind v_ingest_watermarks).
CREATE OR REPLACE VIEW v_ingest_runs AS
SELECT event_id, occurred_at, recorded_at, supersedes_event_id, source, file_path, file_size, start_offset, end_offset,
       last_line_hash, lines_read, records, error_count, is_reread, attributes
FROM fact_ingest_run;

CREATE OR REPLACE VIEW v_ingest_errors AS
SELECT event_id, occurred_at, recorded_at, source, file_path, line_number, byte_offset, reason, excerpt, attributes,
       supersedes_event_id
FROM fact_ingest_error;
