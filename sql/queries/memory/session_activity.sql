-- What the store knows about one session, for a mechanical summary when the agent wrote none: its span and
-- counts (core's v_session_summary), the files it changed, the tool calls that failed, its errors, its
-- decisions and how its tasks ended. Parameters: $1 = session id.
WITH s AS (
    SELECT * FROM v_session_summary WHERE session_id = CAST($1 AS VARCHAR)
),
files AS (
    SELECT list(file_path || ' (' || kinds || ')' ORDER BY file_path) AS files_changed
    FROM (SELECT file_path, string_agg(DISTINCT modification_type, ', ' ORDER BY modification_type) AS kinds
          FROM v_file_modifications
          WHERE session_id = CAST($1 AS VARCHAR) AND NOT is_superseded
          GROUP BY file_path)
),
failed AS (
    SELECT list(tool_name || coalesce(' on ' || target_path, '') || coalesce(': ' || error_type, '')
                ORDER BY occurred_at, event_id) AS failed_tools
    FROM v_tool_calls
    WHERE session_id = CAST($1 AS VARCHAR) AND NOT is_superseded AND NOT is_success
),
errs AS (
    SELECT list(error_type || coalesce(': ' || message, '') ORDER BY occurred_at, event_id) AS error_messages
    FROM v_errors
    WHERE session_id = CAST($1 AS VARCHAR) AND NOT is_superseded
),
decs AS (
    SELECT list(decision_type || ': ' || option_chosen ORDER BY occurred_at, event_id) AS decisions
    FROM v_decisions
    WHERE session_id = CAST($1 AS VARCHAR) AND NOT is_superseded
),
tasks AS (
    SELECT list(task_id || coalesce(' (' || task_description || ')', '') ORDER BY occurred_at, event_id)
               FILTER (WHERE is_success) AS tasks_done,
           list(task_id || coalesce(' (' || task_description || ')', '') || ': ' || final_status
                ORDER BY occurred_at, event_id) FILTER (WHERE NOT is_success) AS tasks_not_done,
           avg(test_pass_rate) AS test_pass_rate
    FROM v_task_outcomes
    WHERE session_id = CAST($1 AS VARCHAR) AND NOT is_superseded
)
SELECT s.session_id, s.project, s.started_at, s.ended_at, s.duration_ms, s.tool_calls, s.failed_tool_calls,
       s.api_calls, s.total_tokens, s.files_modified, s.errors,
       coalesce(files.files_changed, []) AS files_changed, coalesce(failed.failed_tools, []) AS failed_tools,
       coalesce(errs.error_messages, []) AS error_messages, coalesce(decs.decisions, []) AS decisions,
       coalesce(tasks.tasks_done, []) AS tasks_done, coalesce(tasks.tasks_not_done, []) AS tasks_not_done,
       tasks.test_pass_rate
FROM s, files, failed, errs, decs, tasks;
