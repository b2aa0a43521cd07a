-- agent-store core schema, version 1.
-- Dimensions carry a surrogate key assigned by the writer (never DEFAULT nextval) and a unique natural key.
-- Facts are append-only: no primary or foreign keys (they cost 1.5-3x on load); `doctor` checks orphans.
-- Enums are checked in Java, not by CHECK constraints: DuckDB 2.0.0.1's appender evaluates a VARCHAR
-- CHECK wrongly on a reused appender (after a flush, a value shorter than an earlier one fails it).
-- Every fact row has event_id, occurred_at, recorded_at, supersedes_event_id and attributes.

CREATE TABLE dim_agent (
    agent_key          BIGINT      NOT NULL PRIMARY KEY,
    agent_name         VARCHAR     NOT NULL,
    agent_type         VARCHAR,                 -- 'main', 'subagent', 'team_member', ...
    system_prompt_hash VARCHAR,                 -- type 2: a new hash opens a new version
    valid_from         TIMESTAMPTZ NOT NULL,
    valid_to           TIMESTAMPTZ,             -- NULL while current
    is_current         BOOLEAN     NOT NULL
);
CREATE UNIQUE INDEX ux_dim_agent_natural ON dim_agent (agent_name, valid_from);

CREATE TABLE dim_session (
    session_key    BIGINT      NOT NULL PRIMARY KEY,
    session_id     VARCHAR     NOT NULL,
    project        VARCHAR,
    working_dir    VARCHAR,
    git_branch     VARCHAR,
    client_version VARCHAR,
    first_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_session_natural ON dim_session (session_id);

CREATE TABLE dim_task (
    task_key         BIGINT      NOT NULL PRIMARY KEY,
    task_id          VARCHAR     NOT NULL,
    task_description VARCHAR,
    task_type        VARCHAR,                   -- 'debug', 'refactor', 'implement', 'analyze', ...
    first_seen_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_task_natural ON dim_task (task_id);

CREATE TABLE dim_component (
    component_key  BIGINT      NOT NULL PRIMARY KEY,
    component_name VARCHAR     NOT NULL,
    component_type VARCHAR,                     -- 'skill', 'agent', 'command', 'doc', ...
    file_path      VARCHAR,                     -- type 2: a moved component opens a new version
    valid_from     TIMESTAMPTZ NOT NULL,
    valid_to       TIMESTAMPTZ,
    is_current     BOOLEAN     NOT NULL
);
CREATE UNIQUE INDEX ux_dim_component_natural ON dim_component (component_name, valid_from);

CREATE TABLE dim_model (
    model_key      BIGINT      NOT NULL PRIMARY KEY,
    model_name     VARCHAR     NOT NULL,
    provider       VARCHAR,                     -- 'anthropic', 'openai', 'google', ...
    first_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_model_natural ON dim_model (model_name);

CREATE TABLE dim_tool (
    tool_key      BIGINT      NOT NULL PRIMARY KEY,
    tool_name     VARCHAR     NOT NULL,
    tool_type     VARCHAR     NOT NULL,        -- 'builtin', 'mcp' or 'custom'
    mcp_server    VARCHAR,                      -- for 'mcp__server__tool' names
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_tool_natural ON dim_tool (tool_name);

CREATE TABLE dim_file (
    file_key      BIGINT      NOT NULL PRIMARY KEY,
    file_path     VARCHAR     NOT NULL,
    file_type     VARCHAR,                      -- extension without the dot: 'py', 'java', 'md'
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_file_natural ON dim_file (file_path);

-- One tool invocation (or other agent action) of an agent.
CREATE TABLE fact_tool_call (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT,
    tool_key            BIGINT      NOT NULL,
    file_key            BIGINT,                 -- the target path, when the action has one
    action_type         VARCHAR     NOT NULL,   -- 'tool_call', 'response', 'decision', ...
    is_success          BOOLEAN     NOT NULL,
    error_type          VARCHAR,
    duration_ms         BIGINT,
    input_bytes         BIGINT,
    output_bytes        BIGINT,
    input_tokens        BIGINT,
    output_tokens       BIGINT,
    attributes          JSON
);

-- One model API call: tokens by kind, the provider-reported cost when known, latency.
CREATE TABLE fact_api_call (
    event_id              UUID        NOT NULL,
    occurred_at           TIMESTAMPTZ NOT NULL,
    recorded_at           TIMESTAMPTZ NOT NULL,
    supersedes_event_id   UUID,
    session_key           BIGINT,
    agent_key             BIGINT,
    task_key              BIGINT,
    model_key             BIGINT      NOT NULL,
    request_id            VARCHAR,
    input_tokens          BIGINT      NOT NULL,
    output_tokens         BIGINT      NOT NULL,
    cache_read_tokens     BIGINT      NOT NULL,
    cache_write_5m_tokens BIGINT      NOT NULL,
    cache_write_1h_tokens BIGINT      NOT NULL,
    reported_cost_usd     DECIMAL(18,6),
    latency_ms            BIGINT,
    is_success            BOOLEAN     NOT NULL,
    error_type            VARCHAR,
    attributes            JSON
);

-- A decision an agent took: what it chose, what else it considered, and how it turned out.
CREATE TABLE fact_decision (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT,
    decision_type       VARCHAR     NOT NULL,   -- 'tool_choice', 'approach_selection', ...
    context_hash        VARCHAR,
    option_chosen       VARCHAR     NOT NULL,
    alternatives        JSON,                   -- JSON array of the options not chosen
    rationale           VARCHAR,
    outcome             VARCHAR     NOT NULL,   -- 'success', 'failure', 'unknown'
    is_retried          BOOLEAN     NOT NULL,
    attributes          JSON
);

-- How a task ended.
CREATE TABLE fact_task_outcome (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT      NOT NULL,
    is_success          BOOLEAN     NOT NULL,
    test_pass_rate      DOUBLE,                 -- 0..1
    files_modified      BIGINT,
    total_tokens        BIGINT,
    estimated_ms        BIGINT,                 -- the estimate made before the task, if any
    elapsed_ms          BIGINT,
    final_status        VARCHAR     NOT NULL,   -- 'completed', 'abandoned', 'failed', ...
    attributes          JSON
);

-- Something that happened to a session: start, end, resume, compaction, stop, ...
CREATE TABLE fact_session_event (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT      NOT NULL,
    agent_key           BIGINT,
    event_type          VARCHAR     NOT NULL,
    detail              VARCHAR,
    attributes          JSON
);

-- An error seen by an agent; attributes hold its context.
CREATE TABLE fact_error (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT,
    tool_key            BIGINT,
    severity            VARCHAR     NOT NULL,   -- 'debug', 'info', 'warning', 'error', 'critical'
    error_type          VARCHAR     NOT NULL,
    message             VARCHAR,
    attributes          JSON
);

-- A change to a file.
CREATE TABLE fact_file_modification (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT,
    tool_key            BIGINT,
    file_key            BIGINT      NOT NULL,
    modification_type   VARCHAR     NOT NULL,   -- 'create', 'edit', 'delete', 'rename'
    lines_added         BIGINT,
    lines_deleted       BIGINT,
    chars_added         BIGINT,
    chars_deleted       BIGINT,
    diff_snippet        VARCHAR,
    attributes          JSON
);

-- One row per export run (Exporter): where to, what format, and the recorded_at watermark it reached.
CREATE TABLE agent_store_export_log (
    export_id          UUID        NOT NULL,
    target             VARCHAR     NOT NULL,
    format             VARCHAR     NOT NULL,
    is_incremental     BOOLEAN     NOT NULL,
    previous_watermark TIMESTAMPTZ,
    watermark          TIMESTAMPTZ,
    exported_at        TIMESTAMPTZ NOT NULL,
    fact_rows          BIGINT      NOT NULL
);

-- One run of an importer over one source file: the byte range read and the hash of the last line read.
-- The latest row per (source, file_path) is the file's watermark: a re-run reads from end_offset on,
-- unless the file shrank or the line before the watermark changed (then the file is read again).
CREATE TABLE fact_ingest_run (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    source              VARCHAR     NOT NULL,   -- 'claude-code-transcript', 'claude-code-hooks', ...
    file_path           VARCHAR     NOT NULL,
    file_size           BIGINT      NOT NULL,
    start_offset        BIGINT      NOT NULL,
    end_offset          BIGINT      NOT NULL,
    last_line_hash      VARCHAR,
    lines_read          BIGINT      NOT NULL,
    records             BIGINT      NOT NULL,
    error_count         BIGINT      NOT NULL,
    is_reread           BOOLEAN     NOT NULL,   -- the file was read again from the start
    attributes          JSON
);

-- A line an importer could not use: counted, kept here with file, line number and reason, and skipped.
CREATE TABLE fact_ingest_error (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    source              VARCHAR     NOT NULL,
    file_path           VARCHAR     NOT NULL,
    line_number         BIGINT      NOT NULL,
    byte_offset         BIGINT      NOT NULL,
    reason              VARCHAR     NOT NULL,
    excerpt             VARCHAR,
    attributes          JSON
);
