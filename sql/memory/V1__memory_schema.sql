-- agent-store memory schema, version 1: jobs and their state transitions, the sessions of a job, session
-- summaries and message backups, typed agent memory with its full version history, agent baselines and
-- health checks. Everything here is append-only: a job's state, a memory's current content, its valid_to
-- and superseded_at are derived by the views of R__memory_views.sql from the facts, never written by an
-- UPDATE. Conventions as in core: dimensions get their surrogate key from the writer; facts carry the
-- envelope columns first and attributes last, without primary or foreign keys. Enumerated VARCHAR columns
-- list their values in a comment and are checked by the Java records (see core for why not by CHECK).

-- A job: a work initiative that spans sessions ('migration-sqlite'). Its state is in fact_job_transition.
CREATE TABLE dim_job (
    job_key         BIGINT      NOT NULL PRIMARY KEY,
    job_id          VARCHAR     NOT NULL,
    title           VARCHAR,
    project         VARCHAR,                  -- the project the job belongs to, for "resume the job of a project"
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_job_natural ON dim_job (job_id);

-- One state change of a job: 'active' (created or re-activated), 'paused', 'resumed', 'completed'. The
-- latest transition is the job's state; every earlier one stays.
CREATE TABLE fact_job_transition (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    job_key             BIGINT      NOT NULL,
    session_key         BIGINT,                 -- the session that made the change, when known
    to_status           VARCHAR     NOT NULL,   -- 'active', 'paused', 'resumed', 'completed'
    reason              VARCHAR,
    attributes          JSON
);

-- A session belongs to a job (the original's sessions.job_id). The latest link of a session wins.
CREATE TABLE fact_job_session (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    job_key             BIGINT      NOT NULL,
    session_key         BIGINT      NOT NULL,
    attributes          JSON
);

-- What a session achieved (the original's SESSIONS row, written by /save): written by the agent, made
-- mechanically from what the store knows, or imported. The latest summary of a session wins.
CREATE TABLE fact_session_summary (
    event_id              UUID        NOT NULL,
    occurred_at           TIMESTAMPTZ NOT NULL,
    recorded_at           TIMESTAMPTZ NOT NULL,
    supersedes_event_id   UUID,
    session_key           BIGINT      NOT NULL,
    job_key               BIGINT,
    agent_key             BIGINT,
    summary_source        VARCHAR     NOT NULL, -- 'agent', 'mechanical', 'import'
    title                 VARCHAR,
    accomplishments       JSON,                 -- JSON array of strings
    decisions             JSON,
    pending               JSON,
    bugs_fixed            JSON,
    errors_encountered    JSON,
    breakthrough          VARCHAR,
    next_session_priority VARCHAR,
    quality_score         BIGINT,               -- 0..10
    started_at            TIMESTAMPTZ,
    ended_at              TIMESTAMPTZ,
    attributes            JSON
);

-- The conversation-flow backup of a session (the original's MESSAGES): never loaded by default.
CREATE TABLE fact_session_messages (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT      NOT NULL,
    conversation_flow   VARCHAR     NOT NULL,
    total_exchanges     BIGINT,
    duration_ms         BIGINT,
    attributes          JSON
);

-- One version of one typed memory of an agent. Two time axes: valid_from is when the content became true
-- of the code (valid time, default: when it was written); recorded_at is when the store learned it (system
-- time). valid_to and superseded_at are derived in v_memory_versions from the next version. version counts
-- 1, 2, ... per (agent, memory_type). An 'expire' version has no content: the memory is hidden from then
-- on, and every earlier version stays readable.
CREATE TABLE fact_memory_version (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    agent_key           BIGINT      NOT NULL,
    session_key         BIGINT,
    memory_type         VARCHAR     NOT NULL,   -- 'knowledge', 'structure', 'patterns', 'dependencies',
                                                -- 'quality', 'operations', 'context', 'domain'
    version             BIGINT      NOT NULL,
    valid_from          TIMESTAMPTZ NOT NULL,
    change_kind         VARCHAR     NOT NULL,   -- 'update', 'rollback', 'compaction', 'expire', 'import'
    content             JSON,                   -- a JSON object; NULL for 'expire'
    content_bytes       BIGINT      NOT NULL,   -- UTF-8 bytes of the JSON text (0 for 'expire')
    content_hash        VARCHAR,                -- SHA-256 of the JSON text, hex
    author_kind         VARCHAR     NOT NULL,   -- 'agent', 'user', 'system'
    author_name         VARCHAR,
    reason              VARCHAR,
    based_on_event_id   UUID,                   -- rollback: the version restored; compaction: the version compacted
    attributes          JSON
);

-- An agent's module and its baseline (the original's AGENTS row and file_count_baseline): recorded when
-- the agent is created or re-analysed. The latest baseline of an agent is the one drift is measured from.
CREATE TABLE fact_agent_baseline (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    agent_key           BIGINT      NOT NULL,
    module_path         VARCHAR,                -- the module folder the agent knows
    file_count_baseline BIGINT,
    upgraded_by         VARCHAR,                -- 'auto', 'manual', 'agent', 'import'
    attributes          JSON
);

-- One health check of an agent (the original's AGENT_HEALTH row).
-- drift_score = min(10 × |file_count_current - file_count_baseline| + 2 × days_since_baseline, 100).
CREATE TABLE fact_agent_health (
    event_id                 UUID        NOT NULL,
    occurred_at              TIMESTAMPTZ NOT NULL,  -- checked_at
    recorded_at              TIMESTAMPTZ NOT NULL,
    supersedes_event_id      UUID,
    agent_key                BIGINT      NOT NULL,
    session_key              BIGINT,
    module_path              VARCHAR,
    file_count_current       BIGINT,
    file_count_baseline      BIGINT,
    days_since_baseline      BIGINT,
    drift_score              BIGINT      NOT NULL,  -- 0..100
    confidence_score         BIGINT      NOT NULL,  -- 0..100
    status                   VARCHAR     NOT NULL,  -- 'healthy', 'degraded', 'critical', 'oversized'
    memory_bytes             BIGINT      NOT NULL,  -- all current memories of the agent
    memory_size_warning      VARCHAR,               -- NULL, 'large', 'critical'
    largest_memory_type      VARCHAR,
    is_compaction_needed     BOOLEAN     NOT NULL,
    patterns_changed         VARCHAR,
    dependencies_changed     VARCHAR,
    issues                   JSON,                  -- JSON array of strings
    recommendations          VARCHAR,
    is_auto_upgrade_eligible BOOLEAN     NOT NULL,
    last_upgrade_at          TIMESTAMPTZ,
    upgraded_by              VARCHAR,
    attributes               JSON
);
