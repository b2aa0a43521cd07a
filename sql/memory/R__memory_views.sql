-- agent-store memory views: the stable, documented SQL contract of the memory schema. Re-applied whenever
-- this file changes. Every derived state (a job's status, a memory's current content, valid_to,
-- superseded_at, an agent's latest health) is computed here from append-only facts.

-- ------------------------------------------------------------------------------------------------ jobs

-- One row per job transition, with the natural keys of its job and session.
CREATE OR REPLACE VIEW v_job_transitions AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_job_transition WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       j.job_id, j.title, j.project, s.session_id, f.to_status, f.reason, f.attributes
FROM fact_job_transition f
JOIN dim_job j ON j.job_key = f.job_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- One row per link of a session to a job.
CREATE OR REPLACE VIEW v_job_session_links AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_job_session WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       j.job_id, s.session_id, s.project, f.attributes
FROM fact_job_session f
JOIN dim_job j ON j.job_key = f.job_key
JOIN dim_session s ON s.session_key = f.session_key;

-- The job each session belongs to: its latest link.
CREATE OR REPLACE VIEW v_job_sessions AS
SELECT job_id, session_id, project, occurred_at AS linked_at
FROM v_job_session_links
WHERE NOT is_superseded
QUALIFY row_number() OVER (PARTITION BY session_id ORDER BY occurred_at DESC, recorded_at DESC, event_id DESC) = 1;

-- ------------------------------------------------------------------------------------------------ sessions

-- One row per session summary written (every re-save of a session stays).
CREATE OR REPLACE VIEW v_session_summary_versions AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_session_summary WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, s.project, j.job_id, a.agent_name, f.summary_source, f.title, f.accomplishments, f.decisions,
       f.pending, f.bugs_fixed, f.errors_encountered, f.breakthrough, f.next_session_priority, f.quality_score,
       f.started_at, f.ended_at, f.attributes
FROM fact_session_summary f
JOIN dim_session s ON s.session_key = f.session_key
LEFT JOIN dim_job j ON j.job_key = f.job_key
LEFT JOIN dim_agent a ON a.agent_key = f.agent_key;

-- The summary of each session (the original's SESSIONS table): its latest summary, with the job the session
-- belongs to (the summary's own job, else its latest link).
CREATE OR REPLACE VIEW v_session_summaries AS
SELECT v.event_id, v.occurred_at, v.recorded_at, v.session_id, v.project,
       coalesce(v.job_id, js.job_id) AS job_id, v.agent_name, v.summary_source, v.title, v.accomplishments,
       v.decisions, v.pending, v.bugs_fixed, v.errors_encountered, v.breakthrough, v.next_session_priority,
       v.quality_score, v.started_at, v.ended_at, v.attributes
FROM v_session_summary_versions v
LEFT JOIN v_job_sessions js ON js.session_id = v.session_id
WHERE NOT v.is_superseded
QUALIFY row_number() OVER (PARTITION BY v.session_id ORDER BY v.recorded_at DESC, v.occurred_at DESC, v.event_id DESC) = 1;

-- The conversation-flow backups (the original's MESSAGES table).
CREATE OR REPLACE VIEW v_session_messages AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_session_messages WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       s.session_id, f.conversation_flow, f.total_exchanges, f.duration_ms,
       CAST(f.duration_ms // 60000 AS BIGINT) AS duration_minutes, f.attributes
FROM fact_session_messages f
JOIN dim_session s ON s.session_key = f.session_key;

-- Jobs with their current state (the original's JOBS table): the latest transition is the status; the
-- latest entry into each state gives paused_at, resumed_at and completed_at.
CREATE OR REPLACE VIEW v_jobs AS
WITH t AS (
    SELECT * FROM v_job_transitions WHERE NOT is_superseded
),
latest AS (
    SELECT job_id, to_status AS status, reason AS status_reason, occurred_at AS status_at
    FROM t
    QUALIFY row_number() OVER (PARTITION BY job_id ORDER BY occurred_at DESC, recorded_at DESC, event_id DESC) = 1
),
per_job AS (
    SELECT job_id, min(occurred_at) AS created_at,
           max(occurred_at) FILTER (WHERE to_status = 'paused') AS paused_at,
           max(occurred_at) FILTER (WHERE to_status = 'resumed') AS resumed_at,
           max(occurred_at) FILTER (WHERE to_status = 'completed') AS completed_at,
           arg_max(reason, occurred_at) FILTER (WHERE to_status = 'paused') AS pause_reason,
           count(*) AS transitions
    FROM t GROUP BY job_id
),
sessions AS (
    SELECT job_id, count(*) AS sessions, max(linked_at) AS last_linked_at,
           arg_max(project, linked_at) FILTER (WHERE project IS NOT NULL) AS session_project
    FROM v_job_sessions GROUP BY job_id
),
summaries AS (
    SELECT job_id, max(occurred_at) AS last_summary_at FROM v_session_summaries WHERE job_id IS NOT NULL GROUP BY job_id
)
SELECT j.job_id, j.title, coalesce(j.project, s.session_project) AS project,
       l.status, l.status_reason, l.status_at,
       p.created_at, p.paused_at, p.resumed_at, p.completed_at, p.pause_reason, p.transitions,
       coalesce(s.sessions, 0) AS sessions,
       greatest(l.status_at, coalesce(s.last_linked_at, l.status_at), coalesce(m.last_summary_at, l.status_at))
           AS last_activity_at
FROM dim_job j
JOIN latest l ON l.job_id = j.job_id
JOIN per_job p ON p.job_id = j.job_id
LEFT JOIN sessions s ON s.job_id = j.job_id
LEFT JOIN summaries m ON m.job_id = j.job_id;

-- ------------------------------------------------------------------------------------------------ memory

-- The compaction strategy and size limit of each memory type (KB of 1,024 bytes; NULL: never compacted).
CREATE OR REPLACE VIEW v_memory_type_limits AS
SELECT * FROM (VALUES
    ('knowledge',    50,   'remove completed TODOs'),
    ('structure',    200,  'keep only files over 100 lines'),
    ('patterns',     30,   'remove resolved anti-patterns'),
    ('dependencies', 40,   'remove version numbers'),
    ('quality',      30,   'keep only the latest metrics'),
    ('operations',   NULL, NULL),
    ('context',      100,  'keep the last 10 changes and milestones'),
    ('domain',       NULL, NULL)
) AS t(memory_type, limit_kb, strategy);

-- Every version of every memory with both time intervals, derived from the next version (never stored):
--   valid time:  [valid_from, valid_to)        valid_to = the next valid_from in valid-time order
--   system time: [recorded_at, superseded_at)  superseded_at = when the next version was recorded
-- Ties on valid_from go to the later-recorded version (a correction of the same instant wins).
CREATE OR REPLACE VIEW v_memory_versions AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       a.agent_name, s.session_id, f.memory_type, f.version, f.valid_from,
       lead(f.valid_from) OVER (PARTITION BY a.agent_name, f.memory_type
                                ORDER BY f.valid_from, f.recorded_at, f.version) AS valid_to,
       lead(f.recorded_at) OVER (PARTITION BY a.agent_name, f.memory_type
                                 ORDER BY f.recorded_at, f.version) AS superseded_at,
       f.change_kind, f.change_kind = 'expire' AS is_expired, f.content, f.content_bytes, f.content_hash,
       f.author_kind, f.author_name, f.reason, f.based_on_event_id, f.attributes
FROM fact_memory_version f
JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- The current memories (the original's AGENT_MEMORY table): per agent and type the version valid now by
-- what is known now; expired memories are hidden (their versions stay in v_memory_versions).
CREATE OR REPLACE VIEW v_memory_current AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT *, row_number() OVER (PARTITION BY agent_name, memory_type
                                 ORDER BY valid_from DESC, recorded_at DESC, version DESC) AS rn
    FROM v_memory_versions
    WHERE valid_from <= agent_store_now()
)
WHERE rn = 1 AND NOT is_expired;

-- Current memory sizes against the compaction limits.
CREATE OR REPLACE VIEW v_memory_sizes AS
SELECT c.agent_name, c.memory_type, c.version, c.content_bytes,
       round(c.content_bytes / 1024.0, 1) AS size_kb, l.limit_kb, l.strategy,
       coalesce(c.content_bytes > l.limit_kb * 1024, false) AS is_over_limit
FROM v_memory_current c
LEFT JOIN v_memory_type_limits l ON l.memory_type = c.memory_type;

-- Who changed which memory, when, how and why: every version, newest first when ordered by recorded_at.
CREATE OR REPLACE VIEW v_memory_changes AS
SELECT recorded_at, valid_from, agent_name, memory_type, version, change_kind, author_kind, author_name, reason,
       session_id, content_bytes, event_id
FROM v_memory_versions;

-- ------------------------------------------------------------------------------------------------ agents and health

-- One row per baseline of an agent.
CREATE OR REPLACE VIEW v_agent_baselines AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_agent_baseline WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       a.agent_name, f.module_path, f.file_count_baseline, f.upgraded_by, f.attributes
FROM fact_agent_baseline f
JOIN dim_agent a ON a.agent_key = f.agent_key;

-- The agents that have memories or a baseline (the original's AGENTS table): created_at is their first
-- baseline or memory version, updated_at their latest.
CREATE OR REPLACE VIEW v_memory_agents AS
WITH b AS (
    SELECT agent_name, module_path, file_count_baseline, occurred_at AS baseline_at, upgraded_by
    FROM v_agent_baselines WHERE NOT is_superseded
    QUALIFY row_number() OVER (PARTITION BY agent_name ORDER BY occurred_at DESC, recorded_at DESC, event_id DESC) = 1
),
events AS (
    SELECT agent_name, occurred_at FROM v_agent_baselines
    UNION ALL SELECT agent_name, occurred_at FROM v_memory_versions
),
spans AS (
    SELECT agent_name, min(occurred_at) AS created_at, max(occurred_at) AS updated_at FROM events GROUP BY agent_name
),
sizes AS (
    SELECT agent_name, count(*) AS memory_types, sum(content_bytes) AS memory_bytes FROM v_memory_current GROUP BY agent_name
)
SELECT sp.agent_name, b.module_path, b.file_count_baseline, b.baseline_at, b.upgraded_by,
       sp.created_at, sp.updated_at, coalesce(sz.memory_types, 0) AS memory_types,
       coalesce(sz.memory_bytes, 0) AS memory_bytes
FROM spans sp
LEFT JOIN b ON b.agent_name = sp.agent_name
LEFT JOIN sizes sz ON sz.agent_name = sp.agent_name;

-- Every health check (the original's AGENT_HEALTH table), with the original's column names.
CREATE OR REPLACE VIEW v_agent_health_checks AS
SELECT f.event_id, f.occurred_at, f.recorded_at, f.supersedes_event_id,
       f.event_id IN (SELECT supersedes_event_id FROM fact_agent_health WHERE supersedes_event_id IS NOT NULL) AS is_superseded,
       a.agent_name, s.session_id, f.module_path, f.file_count_current, f.file_count_baseline,
       f.days_since_baseline, f.drift_score, f.confidence_score, f.status, f.memory_bytes,
       CAST(round(f.memory_bytes / 1024.0) AS BIGINT) AS memory_size_kb, f.memory_size_warning,
       f.largest_memory_type, f.is_compaction_needed, f.is_compaction_needed AS needs_compaction,
       f.patterns_changed, f.dependencies_changed, f.issues, f.recommendations, f.is_auto_upgrade_eligible,
       f.occurred_at AS checked_at, f.last_upgrade_at, f.upgraded_by, f.attributes
FROM fact_agent_health f
JOIN dim_agent a ON a.agent_key = f.agent_key
LEFT JOIN dim_session s ON s.session_key = f.session_key;

-- The latest health check of each agent.
CREATE OR REPLACE VIEW v_agent_health AS
SELECT * FROM v_agent_health_checks
WHERE NOT is_superseded
QUALIFY row_number() OVER (PARTITION BY agent_name ORDER BY occurred_at DESC, recorded_at DESC, event_id DESC) = 1;
