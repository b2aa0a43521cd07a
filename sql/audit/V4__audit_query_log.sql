-- The optional query log (the reference's fact_query_log; off by default, on with AGENT_STORE_QUERY_LOG=on or
-- AuditModule.withQueryLog(true)): which CLI command or MCP tool ran which query, when, by which OS user, with the
-- SHA-256 of the SQL text (never the text: it may hold literals). A query run through a read-only open is spooled
-- to <database>.query-log.jsonl (owner-only) and recorded here at the next writable open. Rows carry a user and no
-- session: 'erase --user' removes them (and the spool's lines of that user); an erase of a session does not.
CREATE TABLE fact_query_log (
    event_id             UUID        NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    supersedes_event_id  UUID,
    user_key             BIGINT,
    origin               VARCHAR     NOT NULL,   -- 'cli query', 'cli report prompts', 'mcp search_prompts', ...
    sql_hash             VARCHAR     NOT NULL,   -- SHA-256 (hex) of the SQL text
    attributes           JSON
);
