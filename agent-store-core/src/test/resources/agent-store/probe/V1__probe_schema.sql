-- A test-only schema module: one fact table whose writer can be made to block or fail on purpose.
CREATE TABLE fact_probe (
    event_id            UUID        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    supersedes_event_id UUID,
    tool_key            BIGINT,
    label               VARCHAR     NOT NULL,
    attributes          JSON
);

CREATE VIEW v_probes AS
SELECT p.event_id, p.occurred_at, p.recorded_at, p.supersedes_event_id, t.tool_name, p.label, p.attributes
FROM fact_probe p LEFT JOIN dim_tool t USING (tool_key);
