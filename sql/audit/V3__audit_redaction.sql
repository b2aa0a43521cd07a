-- What 'agent-store redact --rescan' replaced in stored facts: one row per fact, column and rule. A rescan applies
-- today's rules to rows stored before (by an older rule set, or before a module existed) and rewrites the stored
-- text in place, the one in-place change of a fact the store allows (the secret must leave the file; a superseding
-- fact would keep it in the old row). For an audit fact the hash chain covers, content_hash_before is the content
-- hash its chain link holds (or the previous rescan's after), content_hash_after the hash of the rewritten row:
-- 'agent-store verify' accepts the rewrite only through these rows, which the chain itself covers.
CREATE TABLE fact_audit_redaction (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    rescan_id            UUID        NOT NULL,   -- one per run
    fact_table           VARCHAR     NOT NULL,
    fact_event_id        UUID        NOT NULL,
    column_name          VARCHAR     NOT NULL,
    rule_name            VARCHAR     NOT NULL,
    replaced             BIGINT      NOT NULL,   -- values this rule replaced in this column of this fact
    content_hash_before  VARCHAR,                -- chained facts only
    content_hash_after   VARCHAR,
    attributes           JSON
);
