-- agent-store tokens schema, version 1: model prices, context windows, token usage per component,
-- context overflows, component measurements, cost allocation, command runs (model routing).
-- Conventions as in core: dimensions get their surrogate key from the writer; facts are append-only,
-- without primary or foreign keys, and start with the envelope columns and end with attributes.
-- Cost is never stored for API calls, token usage or command runs: the views derive it from tokens and the
-- price version valid when the event occurred, so a corrected price fixes history.
-- Enumerated VARCHAR columns of facts list their values in a comment and are checked by the Java records,
-- not by CHECK constraints: DuckDB 2.0.0.1's appender, reused after a flush as the writer reuses it, fails
-- VARCHAR CHECK constraints for values that satisfy them.

-- Per-token prices of a model (type 2): a new price_hash opens a new version from its effective date.
-- Prices in USD per token. The tier_* prices apply to every token of a call whose input (uncached input,
-- cache reads and cache writes together) exceeds tier_threshold_tokens (200,000 for Anthropic and Google,
-- 272,000 for some OpenAI models); NULL tier prices mean "no higher tier".
CREATE TABLE dim_model_price (
    model_price_key                  BIGINT         NOT NULL PRIMARY KEY,
    model_name                       VARCHAR        NOT NULL,  -- as the price table names it
    provider                         VARCHAR,                  -- 'anthropic', 'openai', 'google', ...
    input_usd_per_token              DECIMAL(20,12) NOT NULL,
    output_usd_per_token             DECIMAL(20,12) NOT NULL,
    cache_write_5m_usd_per_token     DECIMAL(20,12),           -- NULL: billed as input
    cache_write_1h_usd_per_token     DECIMAL(20,12),           -- NULL: billed as a 5-minute write
    cache_read_usd_per_token         DECIMAL(20,12),           -- NULL: billed as input
    tier_threshold_tokens            BIGINT,
    tier_input_usd_per_token         DECIMAL(20,12),
    tier_output_usd_per_token        DECIMAL(20,12),
    tier_cache_write_5m_usd_per_token DECIMAL(20,12),
    tier_cache_write_1h_usd_per_token DECIMAL(20,12),
    tier_cache_read_usd_per_token    DECIMAL(20,12),
    max_input_tokens                 BIGINT,                   -- the context window
    max_output_tokens                BIGINT,
    price_source                     VARCHAR        NOT NULL,  -- 'bundled', 'override' or 'api'
    price_hash                       VARCHAR        NOT NULL,  -- type 2: a new hash opens a new version
    valid_from                       TIMESTAMPTZ    NOT NULL,
    valid_to                         TIMESTAMPTZ,              -- NULL while current
    is_current                       BOOLEAN        NOT NULL
);
CREATE UNIQUE INDEX ux_dim_model_price_natural ON dim_model_price (model_name, valid_from);

-- A context window: a model with the number of input tokens it holds. A model used with two window
-- sizes (a long-context beta) has two members.
CREATE TABLE dim_context_window (
    context_window_key BIGINT      NOT NULL PRIMARY KEY,
    model_name         VARCHAR     NOT NULL,
    max_input_tokens   BIGINT      NOT NULL,
    max_output_tokens  BIGINT,
    first_seen_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_context_window_natural ON dim_context_window (model_name, max_input_tokens);

-- The tokens one component (skill, tool, reference file, system prompt, ...) put into or took out of a
-- model's context on one invocation.
CREATE TABLE fact_token_usage (
    event_id              UUID        NOT NULL,
    occurred_at           TIMESTAMPTZ NOT NULL,
    recorded_at           TIMESTAMPTZ NOT NULL,
    supersedes_event_id   UUID,
    session_key           BIGINT,
    agent_key             BIGINT,
    task_key              BIGINT,
    component_key         BIGINT      NOT NULL,
    model_key             BIGINT,                  -- NULL: no cost can be derived
    invocation_context    VARCHAR     NOT NULL,    -- 'skill_load', 'tool_call', 'tool_result', 'reference_inject',
                                                   -- 'system_prompt', 'memory', 'conversation', 'other'
    input_tokens          BIGINT      NOT NULL,
    output_tokens         BIGINT      NOT NULL,
    cache_read_tokens     BIGINT      NOT NULL,
    cache_write_5m_tokens BIGINT      NOT NULL,
    cache_write_1h_tokens BIGINT      NOT NULL,
    attributes            JSON
);

-- A context overflow: the context reached its limit (or a compaction was asked for) at tokens_at_overflow.
CREATE TABLE fact_context_overflow (
    event_id                UUID        NOT NULL,
    occurred_at             TIMESTAMPTZ NOT NULL,
    recorded_at             TIMESTAMPTZ NOT NULL,
    supersedes_event_id     UUID,
    session_key             BIGINT,
    agent_key               BIGINT,
    model_key               BIGINT,
    context_window_key      BIGINT,
    tokens_at_overflow      BIGINT      NOT NULL,
    tokens_after            BIGINT,                -- context size after compaction, when known
    dropped_components      JSON,                  -- JSON array of the component names dropped
    is_compaction_triggered BOOLEAN     NOT NULL,
    compaction_trigger      VARCHAR,               -- 'auto', 'manual' or NULL
    attributes              JSON
);

-- One measurement of a component's file: sizes, estimated tokens and a hash of the content. Recorded
-- only when the content changed (a new hash), so the latest row per component is its current size.
CREATE TABLE fact_component_measurement (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    component_key       BIGINT      NOT NULL,
    file_key            BIGINT,
    file_type           VARCHAR,                  -- extension without the dot: 'md', 'py', ...
    line_count          BIGINT      NOT NULL,
    word_count          BIGINT      NOT NULL,
    char_count          BIGINT      NOT NULL,
    byte_count          BIGINT      NOT NULL,
    estimated_tokens    BIGINT      NOT NULL,
    content_hash        VARCHAR     NOT NULL,     -- SHA-256 of the bytes, hex
    estimator           VARCHAR     NOT NULL,     -- how estimated_tokens was computed
    attributes          JSON
);

-- A share of cost allocated to a component. basis says what the share is of:
--   'api_call' share × the derived cost of the API call source_event_id,
--   'session'  share × the derived cost of all API calls of the session,
--   'amount'   allocated_usd as given (an estimate, or a cost from outside).
CREATE TABLE fact_cost_allocation (
    event_id            UUID          NOT NULL,
    occurred_at         TIMESTAMPTZ   NOT NULL,
    recorded_at         TIMESTAMPTZ   NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT,
    component_key       BIGINT        NOT NULL,
    allocation_method   VARCHAR       NOT NULL,   -- 'direct', 'proportional', 'estimated'
    basis               VARCHAR       NOT NULL,   -- 'api_call', 'session', 'amount'
    source_event_id     UUID,
    share               DECIMAL(9,6),             -- 0..1
    allocated_usd       DECIMAL(18,6),
    attributes          JSON
);

-- One run of a command (a slash command, a workflow step) with the model it was routed to and the tokens it
-- used: the basis of the model-routing statistics.
CREATE TABLE fact_command_run (
    event_id               UUID        NOT NULL,
    occurred_at            TIMESTAMPTZ NOT NULL,
    recorded_at            TIMESTAMPTZ NOT NULL,
    supersedes_event_id    UUID,
    session_key            BIGINT,
    agent_key              BIGINT,
    task_key               BIGINT,
    model_key              BIGINT      NOT NULL,
    command                VARCHAR     NOT NULL,   -- 'core:work', '/review', ...
    thinking_budget_tokens BIGINT,                 -- NULL or 0: no extended thinking
    duration_ms            BIGINT,
    is_success             BOOLEAN     NOT NULL,
    error_type             VARCHAR,
    input_tokens           BIGINT      NOT NULL,
    output_tokens          BIGINT      NOT NULL,
    cache_read_tokens      BIGINT      NOT NULL,
    cache_write_5m_tokens  BIGINT      NOT NULL,
    cache_write_1h_tokens  BIGINT      NOT NULL,
    attributes             JSON
);

-- A price version recorded (from the bundled table, an override file or the API): the audit trail of
-- dim_model_price. occurred_at is the version's effective date.
CREATE TABLE fact_price_change (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    model_price_key     BIGINT      NOT NULL,
    price_source        VARCHAR     NOT NULL,     -- 'bundled', 'override', 'api'
    source_file         VARCHAR,
    attributes          JSON
);
