-- The audit schema (use case 8 of the reference): every prompt and response on record, prompt templates,
-- feedback, and the users that recorded them. Free text is stored after the store's redaction; its hash
-- is the SHA-256 (hex) of the text as stored.

-- Who recorded a fact: the OS user and host of the machine, and the account a source reports where it
-- reports one (Claude Code's OpenTelemetry attributes carry an account id and an e-mail; transcripts none).
-- user_id is the account id when known, else os_user@host.
CREATE TABLE dim_user (
    user_key       BIGINT      NOT NULL PRIMARY KEY,
    user_id        VARCHAR     NOT NULL,
    os_user        VARCHAR,
    host           VARCHAR,
    account_id     VARCHAR,
    email          VARCHAR,
    first_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_user_natural ON dim_user (user_id);

-- A named prompt template with its text and the hash of that text.
CREATE TABLE dim_prompt_template (
    prompt_template_key BIGINT      NOT NULL PRIMARY KEY,
    template_name       VARCHAR     NOT NULL,
    template_text       VARCHAR,
    template_hash       VARCHAR,
    first_seen_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_dim_prompt_template_natural ON dim_prompt_template (template_name);

-- One prompt sent to a model.
CREATE TABLE fact_prompt (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    session_key          BIGINT,
    prompt_template_key  BIGINT,
    model_key            BIGINT,
    user_key             BIGINT,
    prompt_text          VARCHAR     NOT NULL,   -- redacted
    prompt_hash          VARCHAR     NOT NULL,   -- SHA-256 of prompt_text
    system_prompt_hash   VARCHAR,
    input_tokens         BIGINT,
    estimated_cost_usd   DECIMAL(18, 6),
    attributes           JSON
);

-- One model response. prompt_event_id is the prompt it answers when the source says; the view otherwise
-- links it to the latest prompt of its session before it.
CREATE TABLE fact_response (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    session_key          BIGINT,
    prompt_event_id      UUID,
    model_key            BIGINT,
    response_text        VARCHAR     NOT NULL,   -- redacted
    response_hash        VARCHAR     NOT NULL,   -- SHA-256 of response_text
    finish_reason        VARCHAR,                -- 'stop', 'length', 'tool_use', 'error' or the source's word
    output_tokens        BIGINT,
    cached_tokens        BIGINT,
    latency_ms           BIGINT,
    estimated_cost_usd   DECIMAL(18, 6),
    safety_flags         JSON,                   -- moderation/safety results, NULL when none
    attributes           JSON
);

-- Feedback on a prompt or a response.
CREATE TABLE fact_prompt_feedback (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    prompt_event_id      UUID,
    response_event_id    UUID,
    feedback_type        VARCHAR     NOT NULL,   -- 'thumbs_up', 'thumbs_down', 'report'
    feedback_text        VARCHAR,                -- redacted
    user_key             BIGINT,
    attributes           JSON
);
