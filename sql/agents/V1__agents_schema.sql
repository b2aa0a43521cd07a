-- agent-store agents schema, version 1: multi-agent coordination (work items, capabilities, assignments and
-- claims, handoffs, conflicts), the FLAGS and TODOS systems, skill invocations and user intents.
-- Conventions as in core: dimensions get their surrogate key from the writer; facts are append-only, without
-- primary or foreign keys, start with the envelope columns and end with attributes. Every lifecycle (a work
-- item's status, an assignment, a flag per affected module, a todo) is a sequence of facts; the views show the
-- current state (the latest fact) and the history. Enumerated VARCHAR columns list their values in a comment
-- and are checked by the Java records (see core's note on VARCHAR CHECK constraints and the appender).

-- A piece of work agents share: a natural id, its kind and target. Its status is not stored here but in
-- fact_work_status (v_work_items shows the current one).
CREATE TABLE dim_work_item (
    work_item_key  BIGINT      NOT NULL PRIMARY KEY,
    work_id        VARCHAR     NOT NULL,
    work_type      VARCHAR,                   -- 'file_edit', 'research', 'test_creation', 'review', 'subagent', ...
    target_path    VARCHAR,
    description    VARCHAR,
    first_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_work_item_natural ON dim_work_item (work_id);

-- A capability agents may have ('python_refactoring', 'code_review', ...).
CREATE TABLE dim_capability (
    capability_key  BIGINT      NOT NULL PRIMARY KEY,
    capability_name VARCHAR     NOT NULL,
    description     VARCHAR,
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_capability_natural ON dim_capability (capability_name);

-- A user intent, deduplicated by the hash of the prompt. The text itself is kept only when the audit module
-- is installed (NULL otherwise); the category comes from keyword matching.
CREATE TABLE dim_user_intent (
    user_intent_key BIGINT      NOT NULL PRIMARY KEY,
    intent_hash     VARCHAR     NOT NULL,     -- SHA-256 of the prompt, hex
    categorized_as  VARCHAR,                  -- 'debug', 'refactor', 'implement', 'test', 'docs', 'review', 'question', 'other'
    intent_text     VARCHAR,
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_user_intent_natural ON dim_user_intent (intent_hash);

-- A status a work item entered.
CREATE TABLE fact_work_status (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    work_item_key       BIGINT      NOT NULL,
    session_key         BIGINT,
    agent_key           BIGINT,                -- who changed it
    status              VARCHAR     NOT NULL,  -- 'pending', 'assigned', 'in_progress', 'completed', 'blocked', 'abandoned'
    reason              VARCHAR,
    attributes          JSON
);

-- An agent's proficiency in a capability from occurred_at on (versioned facts: the latest per agent and
-- capability is current; v_agent_capabilities keeps valid_from / valid_to).
CREATE TABLE fact_agent_capability (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    agent_key           BIGINT      NOT NULL,
    capability_key      BIGINT      NOT NULL,
    proficiency         DOUBLE      NOT NULL,  -- 0.0 to 1.0
    attributes          JSON
);

-- One step of an assignment's lifecycle: offered -> accepted | rejected -> completed | abandoned. A claim is
-- an assignment accepted at once, decided in the writer's transaction; it may carry a lease, after which it
-- no longer holds. assignment_id ties the steps of one assignment together.
CREATE TABLE fact_work_assignment (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    assignment_id       UUID        NOT NULL,
    work_item_key       BIGINT      NOT NULL,
    agent_key           BIGINT      NOT NULL,
    session_key         BIGINT,
    status              VARCHAR     NOT NULL,  -- 'offered', 'accepted', 'rejected', 'completed', 'abandoned'
    lease_expires_at    TIMESTAMPTZ,           -- NULL: no lease
    reason              VARCHAR,
    attributes          JSON
);

-- Work handed from one agent to another (a sub-agent started with a prompt, a delegation, a timeout).
CREATE TABLE fact_agent_handoff (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    from_agent_key      BIGINT      NOT NULL,
    to_agent_key        BIGINT      NOT NULL,
    work_item_key       BIGINT,
    handoff_reason      VARCHAR     NOT NULL,  -- 'capability_mismatch', 'timeout', 'blocked', 'delegation'
    context_snapshot    VARCHAR,               -- redacted free text (JSON or a prompt)
    attributes          JSON
);

-- Two agents (or sessions) in each other's way. A resolution is a later row with the same conflict_id that
-- supersedes the detection.
CREATE TABLE fact_conflict (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    conflict_id         UUID        NOT NULL,
    work_item_key       BIGINT,
    file_key            BIGINT,
    agent1_key          BIGINT,
    agent2_key          BIGINT,
    session1_key        BIGINT,
    session2_key        BIGINT,
    conflict_type       VARCHAR     NOT NULL,  -- 'file_edit', 'duplicate_work', 'incompatible_approach'
    first_edit_at       TIMESTAMPTZ,
    second_edit_at      TIMESTAMPTZ,
    resolution          VARCHAR,               -- 'agent1_wins', 'agent2_wins', 'merge', 'abort'; NULL while open
    resolved_at         TIMESTAMPTZ,
    attributes          JSON
);

-- A flag: an inter-module change notice (every column of the reference FLAGS table). Its lifecycle per
-- affected module is in fact_flag_status; flag_id is the event id of the creating row.
CREATE TABLE fact_flag (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,  -- created_at
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    source_agent_key    BIGINT,
    flag_type           VARCHAR     NOT NULL,  -- 'change', 'new_feature', 'refactor', 'deprecation', 'breaking_change', 'enhancement', 'maintenance'
    source_module       VARCHAR,
    affected_modules    JSON,                  -- array of module names
    change_description  VARCHAR     NOT NULL,
    action_required     VARCHAR,
    impact_level        VARCHAR     NOT NULL,  -- 'low', 'medium', 'high', 'critical'
    related_files       JSON,                  -- array of paths
    code_location       VARCHAR,               -- file:line
    example_usage       VARCHAR,
    context             JSON,
    notes               VARCHAR,
    attributes          JSON
);

-- A flag's status for one affected module (module_name NULL: for the flag as a whole).
CREATE TABLE fact_flag_status (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    flag_id             UUID        NOT NULL,
    module_name         VARCHAR,
    agent_key           BIGINT,
    status              VARCHAR     NOT NULL,  -- 'pending', 'acknowledged', 'in_progress', 'completed', 'skipped'
    notes               VARCHAR,
    attributes          JSON
);

-- One version of a todo's definition (the latest per todo_id is current; the TODOS table's columns that are
-- not status, assignment or dependencies). todo_id is the event id of the first version.
CREATE TABLE fact_todo (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    todo_id             UUID        NOT NULL,
    parent_todo_id      UUID,
    session_key         BIGINT,
    agent_key           BIGINT,                -- the agent whose list it is / who wrote it
    task                VARCHAR     NOT NULL,  -- redacted free text
    priority            VARCHAR,               -- 'low', 'medium', 'high', 'critical'
    category            VARCHAR,               -- 'bug', 'feature', 'refactor', 'test', 'docs', 'maintenance'
    module              VARCHAR,
    position            BIGINT,                -- place in its list (TodoWrite)
    due_at              TIMESTAMPTZ,
    start_at            TIMESTAMPTZ,
    reminder_at         TIMESTAMPTZ,
    estimated_hours     DOUBLE,
    tags                JSON,
    related_files       JSON,
    created_by          VARCHAR,               -- 'user', 'claude', 'system', 'agent'
    is_auto_created     BOOLEAN     NOT NULL,
    is_ai_suggested     BOOLEAN     NOT NULL,
    context             JSON,
    attributes          JSON
);

-- A status a todo entered (its history; the latest is current).
CREATE TABLE fact_todo_status (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    todo_id             UUID        NOT NULL,
    agent_key           BIGINT,                -- who changed it (updated_by / completed_by)
    status              VARCHAR     NOT NULL,  -- 'pending', 'in_progress', 'completed', 'blocked', 'cancelled'
    actual_hours        DOUBLE,
    blocked_reason      VARCHAR,
    attributes          JSON
);

-- A todo blocked by another (is_removed: the dependency was dropped). Cycles are refused by the facade.
CREATE TABLE fact_todo_dependency (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    todo_id             UUID        NOT NULL,
    blocked_by_todo_id  UUID        NOT NULL,
    is_removed          BOOLEAN     NOT NULL,
    attributes          JSON
);

-- A todo assigned (or delegated) to an agent; the latest per todo is current.
CREATE TABLE fact_todo_assignment (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    todo_id             UUID        NOT NULL,
    assignee_agent_key  BIGINT,                -- NULL: unassigned
    delegated_by_agent_key BIGINT,
    via                 VARCHAR,               -- 'manual', 'Task tool', 'rule', ...
    attributes          JSON
);

-- A skill (or slash command) used in a session.
CREATE TABLE fact_skill_invocation (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,  -- invoked_at
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    session_key         BIGINT,
    agent_key           BIGINT,
    component_key       BIGINT      NOT NULL,  -- the skill, component_type 'skill'
    invoked_by          VARCHAR     NOT NULL,  -- 'user', 'agent'
    completed_at        TIMESTAMPTZ,
    is_success          BOOLEAN,
    actions_taken       BIGINT,                -- tool calls during the skill
    arguments           VARCHAR,               -- redacted free text
    attributes          JSON
);

-- A user intent stated in a session; achievement is a later row for the same intent and session that
-- supersedes it.
CREATE TABLE fact_session_intent (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,  -- stated_at
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    user_intent_key     BIGINT      NOT NULL,
    session_key         BIGINT,
    agent_key           BIGINT,
    is_achieved         BOOLEAN,
    achieved_at         TIMESTAMPTZ,
    attributes          JSON
);
