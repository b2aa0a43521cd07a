CREATE TABLE fact_beta (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    alpha_key           BIGINT,
    amount              BIGINT,
    attributes          JSON
);
