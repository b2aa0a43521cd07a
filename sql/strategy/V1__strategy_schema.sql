-- agent-store strategy schema, version 1: strategies, strategy attempts and adjustments (use case 10), pattern
-- usage (the analytics system's pattern_usage), the model routing table, workflow state and metadata.
-- Conventions as in core. Enumerated VARCHAR columns are checked by the Java records, not by CHECK constraints.
-- The analytics system's single-row workflow_state and key-value metadata are facts here: the current state
-- and the current value of a key are views over the latest facts, never updated rows.

-- A strategy an agent can follow: 'ast_refactor', 'test_first', ...
CREATE TABLE dim_strategy (
    strategy_key  BIGINT      NOT NULL PRIMARY KEY,
    strategy_name VARCHAR     NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_strategy_natural ON dim_strategy (strategy_name);

-- One attempt at a task with a strategy, and how it went. test_run_id and decision_event_id link it to the
-- quality module's test run and core's decision it rests on, when known.
CREATE TABLE fact_strategy_attempt (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_key            BIGINT,
    strategy_key        BIGINT      NOT NULL,
    is_success          BOOLEAN     NOT NULL,
    duration_ms         BIGINT,
    outcome_metrics     JSON,                   -- task-specific success metrics
    failure_reason      VARCHAR,
    test_run_id         UUID,
    decision_event_id   UUID,
    attempt_source      VARCHAR     NOT NULL,   -- 'agent', 'tool', 'derived', 'import'
    attributes          JSON
);

-- An agent switched strategies: from, to, why, how sure, on how many attempts.
CREATE TABLE fact_strategy_adjustment (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    task_type           VARCHAR,
    old_strategy_key    BIGINT,
    new_strategy_key    BIGINT      NOT NULL,
    reason              VARCHAR,
    confidence          DOUBLE,                 -- 0..1
    based_on_attempts   BIGINT,
    attributes          JSON
);

-- A pattern used on a task (the analytics system's pattern_usage): where it came from, how sure, time saved.
CREATE TABLE fact_pattern_usage (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    task_key            BIGINT,
    pattern_name        VARCHAR     NOT NULL,
    pattern_source      VARCHAR,                -- 'context7', 'github', 'project', ...
    confidence          DOUBLE,                 -- 0..1
    time_saved_ms       BIGINT,
    attributes          JSON
);

-- A change of the routing table: from now on, this command goes to this model with this thinking budget.
CREATE TABLE fact_route_change (
    event_id               UUID        NOT NULL,
    occurred_at            TIMESTAMPTZ NOT NULL,
    recorded_at            TIMESTAMPTZ NOT NULL,
    supersedes_event_id    UUID,
    command                VARCHAR     NOT NULL,
    model_key              BIGINT      NOT NULL,
    thinking_level         VARCHAR     NOT NULL,   -- 'NONE', 'LOW', 'MEDIUM', 'HIGH', 'ULTRA'
    thinking_budget_tokens BIGINT      NOT NULL,   -- 0, 10000, 20000, 32000, 64000 unless given
    reason                 VARCHAR,
    attributes             JSON
);

-- A snapshot of the workflow state (the analytics system's single-row workflow_state).
CREATE TABLE fact_workflow_state (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    state               JSON        NOT NULL,
    attributes          JSON
);

-- A key set to a value (NULL: removed); the analytics system's metadata table.
CREATE TABLE fact_metadata (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    meta_name            VARCHAR     NOT NULL,
    meta_value          VARCHAR,
    attributes          JSON
);
