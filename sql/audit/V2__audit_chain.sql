-- The hash chain of the audit facts. One link per audit fact (prompt, response, feedback), appended in the
-- order the facts were recorded (recorded_at, then table, then event id): content_hash is the SHA-256 of the
-- fact's row as JSON (every column but recorded_at, whose order the chain itself fixes), chain_hash the
-- SHA-256 of previous_hash || content_hash. The links are facts too (append-only, through the writer).
CREATE TABLE fact_audit_chain (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    seq                  BIGINT      NOT NULL,   -- 1, 2, 3, ...
    fact_table           VARCHAR     NOT NULL,
    fact_event_id        UUID        NOT NULL,
    content_hash         VARCHAR     NOT NULL,
    previous_hash        VARCHAR     NOT NULL,   -- 64 zeros for the first link
    chain_hash           VARCHAR     NOT NULL,
    attributes           JSON
);
